import type { ReactNode } from 'react';

export const metadata = { title: 'Smart Ads — Amazon Ads Optimiser (Next.js)' };
export const viewport = { width: 'device-width', initialScale: 1 };

/** The document, rendered on the server; the dashboard (top bar, notices, pages) is `DashboardApp`. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
