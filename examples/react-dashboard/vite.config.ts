import { defineConfig } from 'vite';

// Vite 8 compiles TSX with oxc (automatic JSX runtime): no React plugin is needed for a production build.
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      onwarn(warning, warn) {
        // @smart-ads/react starts with 'use client' (for React Server Components hosts): meaningless in a SPA bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `vite` (dev) proxies the server half and the app config to a running example server.
    proxy: {
      '/api': process.env.EXAMPLE_SERVER_URL ?? 'http://127.0.0.1:4173',
      '/app-config.json': process.env.EXAMPLE_SERVER_URL ?? 'http://127.0.0.1:4173',
    },
  },
});
