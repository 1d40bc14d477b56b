import type { NextConfig } from 'next';

const config: NextConfig = {
  // The server half loads node:sqlite (and pg, when DATABASE_URL is set) itself: keep them out of the bundle.
  serverExternalPackages: ['pg'],
  poweredByHeader: false,
  // The dashboard's components are the Vite example's own (TypeScript source in a private workspace package).
  transpilePackages: ['@smart-ads/example-react-dashboard'],
};

export default config;
