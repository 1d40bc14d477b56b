import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // msw must stay the host's single copy: a bundled msw breaks `server.close()`.
  external: ['msw', 'msw/node'],
});
