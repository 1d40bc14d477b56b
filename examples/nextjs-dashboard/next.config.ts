import type { NextConfig } from 'next';

const config: NextConfig = {
  // The server half loads node:sqlite (and pg, when DATABASE_URL is set) itself: keep them out of the bundle.
  serverExternalPackages: ['pg'],
  poweredByHeader: false,
};

export default config;
