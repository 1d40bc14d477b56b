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
    ],
  },
});
