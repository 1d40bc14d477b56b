import { defineConfig } from 'vitest/config';

// The end-to-end suite of the example: real chromium (playwright-core) against the example server and the
// standalone mock Amazon. No source aliases: the packages resolve through node_modules to their built `dist`, as
// they do for any app that installs them.
export default defineConfig({
  test: {
    name: 'e2e',
    root: import.meta.dirname,
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two CPUs here: one browser at a time keeps the timings steady.
    fileParallelism: false,
  },
});
