import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // esbuild already drops unused code; rollup's extra pass (`treeshake`) would also drop the banner below.
  // esbuild drops module-level directives when bundling; hooks need a client component boundary in Next.js.
  banner: { js: "'use client';" },
});
