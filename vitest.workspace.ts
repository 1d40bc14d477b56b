// The test projects of the workspace: the file the design names (Vitest 4 stopped reading it by itself, so
// vitest.config.ts imports this list into its \`test.projects\`).
import { fileURLToPath } from 'node:url';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { msw2Aliases, react18Aliases, workspaceAliases } from './vitest.aliases.ts';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Every Vitest project: one per package, the examples' server code, and the older peers (msw 2, React 18). */
export const workspaceProjects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: 'core',
      root: './packages/core',
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    },
  },
  {
    extends: true,
    test: {
      name: 'mock-amazon',
      root: './packages/mock-amazon',
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // The real-client contract tests are their own project (mock-amazon-clients).
      exclude: ['test/clients/**', '**/node_modules/**'],
    },
  },
  {
    extends: true,
    test: {
      name: 'react',
      root: './packages/react',
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    },
  },
  {
    // The example apps' own server code and the Node embedding (the end-to-end suites have their own config).
    extends: true,
    test: {
      name: 'examples',
      root: './examples',
      environment: 'node',
      include: ['*/server/**/*.test.ts', 'node-embedding/src/**/*.test.ts'],
    },
  },
  {
    // The READMEs' samples (docs/samples, run against the mock Amazon), their drift check against the READMEs,
    // and the generated reference (docs/reference.md).
    extends: true,
    resolve: {
      alias: [
        ...workspaceAliases,
        { find: /^@\/(.*)$/, replacement: fromRoot('./docs/samples/server/next-app/$1') },
      ],
    },
    test: {
      name: 'docs',
      root: './docs',
      environment: 'node',
      include: ['**/*.test.{ts,tsx}'],
    },
  },
  {
    // The MSW mode of the mock on msw 2 (a peer dependency range of ^2.12 || ^3).
    extends: true,
    resolve: { alias: msw2Aliases },
    test: {
      name: 'mock-amazon-msw2',
      root: './packages/mock-amazon',
      environment: 'node',
      include: ['src/msw-modes.test.ts'],
    },
  },
  {
    // Amazon's own and the most used third-party clients against the mock, from a private workspace package
    // (packages/mock-amazon/test/clients), so the published mock gains no dependencies.
    extends: true,
    test: {
      name: 'mock-amazon-clients',
      root: './packages/mock-amazon/test/clients',
      environment: 'node',
      include: ['*.test.ts'],
    },
  },
  {
    // The same React suite on React 18: react, react-dom and @testing-library/react come from
    // packages/react/test/react18, where pnpm links them with each other (so their own imports get React 18).
    extends: true,
    resolve: { alias: react18Aliases },
    test: {
      name: 'react18',
      root: './packages/react',
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    },
  },
];
