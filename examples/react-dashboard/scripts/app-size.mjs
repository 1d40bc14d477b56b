// The weight of the built dashboard (run `vite build` first): every JS and CSS file Vite emitted, minified as
// shipped and gzipped (level 9, what a static server would send), plus the totals.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const assets = new URL('../dist/assets/', import.meta.url).pathname;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const rows = readdirSync(assets)
  .filter((name) => name.endsWith('.js') || name.endsWith('.css'))
  .map((name) => {
    const bytes = readFileSync(join(assets, name));
    return { name, minified: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
  });
const total = (ext) => {
  const files = rows.filter((row) => row.name.endsWith(ext));
  return {
    minified: files.reduce((sum, r) => sum + r.minified, 0),
    gzip: files.reduce((sum, r) => sum + r.gzip, 0),
  };
};
console.log('file'.padEnd(34), 'minified'.padStart(10), 'gzip'.padStart(10));
for (const row of rows)
  console.log(row.name.padEnd(34), kb(row.minified).padStart(10), kb(row.gzip).padStart(10));
for (const ext of ['.js', '.css']) {
  const sum = total(ext);
  console.log(`total ${ext}`.padEnd(34), kb(sum.minified).padStart(10), kb(sum.gzip).padStart(10));
}
