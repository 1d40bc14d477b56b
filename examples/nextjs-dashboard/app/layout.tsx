import type { ReactNode } from 'react';

export const metadata = { title: 'Smart Ads — Amazon connections (Next.js)' };

/** The page shell, rendered on the server. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header>
          <nav aria-label="Smart Ads">
            <a href="/">Dashboard</a> <a href="/connections">Connections</a>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
