// Source aliases: every workspace package resolves to its TypeScript source in tests (no build first).
import { fileURLToPath } from 'node:url';

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
export const react18Aliases = [
  { find: /^react$/, replacement: reactPackage('react') },
  { find: /^react\/(.*)$/, replacement: `${reactPackage('react')}/$1` },
  { find: /^react-dom$/, replacement: reactPackage('react-dom') },
  { find: /^react-dom\/(.*)$/, replacement: `${reactPackage('react-dom')}/$1` },
  { find: /^@testing-library\/react$/, replacement: reactPackage('@testing-library/react') },
  ...workspaceAliases,
];

const msw2 = src('./packages/mock-amazon/test/msw2/node_modules/msw');
/** msw 2 in place of msw 3, for the `mock-amazon-msw2` project. */
export const msw2Aliases = [
  { find: /^msw$/, replacement: `${msw2}/lib/core/index.mjs` },
  { find: /^msw\/node$/, replacement: `${msw2}/lib/node/index.mjs` },
  ...workspaceAliases,
];
