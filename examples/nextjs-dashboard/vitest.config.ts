import { defineConfig } from 'vitest/config';

// The Next.js example's end-to-end suite: the Vite example's scenarios (examples/react-dashboard/e2e, shared, not
// copied) run against this app's production build (`next start`) with E2E_APP=next, plus the checks only a
// server-rendered host has (e2e/ here). Real chromium through playwright-core, the standalone mock Amazon.
export default defineConfig({
  test: {
    name: 'e2e-next',
    root: `${import.meta.dirname}/..`,
    include: ['react-dashboard/e2e/**/*.e2e.test.ts', 'nextjs-dashboard/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    env: { E2E_APP: 'next' },
    globalSetup: ['nextjs-dashboard/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
