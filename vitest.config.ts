// Vitest 4 removed the `vitest.workspace.ts` file; its replacement is the `projects` list below.
// Every workspace package resolves to its TypeScript source, so tests never need a build first.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Source aliases for the workspace packages, most specific first. */
export const workspaceAliases = [
  { find: /^@smart-ads\/core\/server$/, replacement: src('./packages/core/src/server/index.ts') },
  { find: /^@smart-ads\/core$/, replacement: src('./packages/core/src/index.ts') },
  { find: /^@smart-ads\/react$/, replacement: src('./packages/react/src/index.ts') },
  { find: /^@smart-ads\/mock-amazon\/node$/, replacement: src('./packages/mock-amazon/src/node.ts') },
  { find: /^@smart-ads\/mock-amazon$/, replacement: src('./packages/mock-amazon/src/index.ts') },
];

const reactPackage = (name: string) => src(`./packages/react/test/react18/node_modules/${name}`);
/** React 18 in place of React 19, for the `react18` project. */
const react18Aliases = [
  { find: /^react$/, replacement: reactPackage('react') },
  { find: /^react\/(.*)$/, replacement: `${reactPackage('react')}/$1` },
  { find: /^react-dom$/, replacement: reactPackage('react-dom') },
  { find: /^react-dom\/(.*)$/, replacement: `${reactPackage('react-dom')}/$1` },
  { find: /^@testing-library\/react$/, replacement: reactPackage('@testing-library/react') },
  ...workspaceAliases,
];

const msw2 = src('./packages/mock-amazon/test/msw2/node_modules/msw');
/** msw 2 in place of msw 3, for the `mock-amazon-msw2` project. */
const msw2Aliases = [
  { find: /^msw$/, replacement: `${msw2}/lib/core/index.mjs` },
  { find: /^msw\/node$/, replacement: `${msw2}/lib/node/index.mjs` },
  ...workspaceAliases,
];

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    projects: [
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
        // The example apps' own server code (the end-to-end suites have their own config).
        extends: true,
        test: {
          name: 'examples',
          root: './examples',
          environment: 'node',
          include: ['*/server/**/*.test.ts'],
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
    ],
  },
});
