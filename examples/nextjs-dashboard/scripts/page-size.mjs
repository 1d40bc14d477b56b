// The JavaScript a browser loads for the dashboard page of the Next.js example (run `next build` first): starts
// the production server against the mock Amazon, reads the scripts the first HTML of `/` references, and sums them
// minified as shipped and gzipped (level 9), beside the CSS. Compare with the Vite example's
// `node examples/react-dashboard/scripts/app-size.mjs`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startNextExample } from '../server/start-next-example.ts';

const appDir = new URL('..', import.meta.url).pathname;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const example = await startNextExample();
try {
  const html = await (await fetch(example.url)).text();
  const files = [...new Set([...html.matchAll(/\/_next\/(static\/[^"'\s]+\.(?:js|css))/g)].map((m) => m[1]))];
  const rows = files.map((file) => {
    const bytes = readFileSync(join(appDir, '.next', file));
    return { file, minified: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
  });
  console.log('file'.padEnd(60), 'minified'.padStart(10), 'gzip'.padStart(10));
  for (const row of rows)
    console.log(row.file.padEnd(60), kb(row.minified).padStart(10), kb(row.gzip).padStart(10));
  for (const ext of ['.js', '.css']) {
    const of = rows.filter((row) => row.file.endsWith(ext));
    const sum = (key) => of.reduce((total, row) => total + row[key], 0);
    console.log(`total ${ext}`.padEnd(60), kb(sum('minified')).padStart(10), kb(sum('gzip')).padStart(10));
  }
} finally {
  await example.close();
}
