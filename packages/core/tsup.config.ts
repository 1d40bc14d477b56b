import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'server/index': 'src/server/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // Keep `node:` specifiers: `node:sqlite` has no bare `sqlite` alias, so stripping the prefix breaks it.
  removeNodeProtocol: false,
});
