// What each source file costs the browser: bundles all of @smart-ads/core + @smart-ads/react from their sources
// (React external), minified like a host's production build, and reads esbuild's metafile.
//   pnpm run size:files            the table by file, then the totals (min and min+gzip)
//   pnpm run size:files -- --json  the same as JSON
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages/core/package.json'));
const esbuild = require('esbuild');

const entry = `export * from '@smart-ads/core';\nexport * from '@smart-ads/react';\n`;

async function bundle(contents, { ownOnly }) {
  const external = ['react', 'react-dom', 'react/jsx-runtime'];
  if (ownOnly) external.push('xstate', 'zod', 'zod/*', 'ky');
  const result = await esbuild.build({
    stdin: { contents, resolveDir: join(root, 'packages/react'), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    external,
    // Source files, not dist: the metafile then names each src/ file.
    alias: {
      '@smart-ads/core': join(root, 'packages/core/src/index.ts'),
      '@smart-ads/react': join(root, 'packages/react/src/index.ts'),
    },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs: output.inputs };
}

const all = await bundle(entry, { ownOnly: false });
const own = await bundle(entry, { ownOnly: true });

const rows = Object.entries(all.inputs)
  .map(([file, { bytesInOutput }]) => ({ file: relative(root, join(root, file)), bytes: bytesInOutput }))
  .filter((row) => row.bytes > 0)
  .sort((a, b) => b.bytes - a.bytes);

const kB = (n) => (n / 1000).toFixed(1);
if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      { allIn: { min: all.min, gzip: all.gzip }, own: { min: own.min, gzip: own.gzip }, rows },
      null,
      2,
    ),
  );
} else {
  const ownRows = rows.filter((row) => row.file.startsWith('packages/'));
  console.log('own source files (minified bytes in the bundle, before gzip)');
  for (const row of ownRows) console.log(`${kB(row.bytes).padStart(7)} kB  ${row.file}`);
  const deps = new Map();
  for (const row of rows.filter((r) => !r.file.startsWith('packages/'))) {
    const name = row.file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/)?.[1] ?? row.file;
    deps.set(name, (deps.get(name) ?? 0) + row.bytes);
  }
  console.log('\ndependencies (minified, before gzip)');
  for (const [name, bytes] of [...deps].sort((a, b) => b[1] - a[1]))
    console.log(`${kB(bytes).padStart(7)} kB  ${name}`);
  console.log(`\nown code (core + react): ${kB(own.min)} kB min, ${kB(own.gzip)} kB min+gzip`);
  console.log(
    `all-in (with xstate, zod, ky; React external): ${kB(all.min)} kB min, ${kB(all.gzip)} kB min+gzip`,
  );
}
