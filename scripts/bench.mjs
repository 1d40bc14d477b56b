// Runs every benchmark of the repo against the built packages: `./dev bench` (or `pnpm bench`).
// Benchmarks are plain .mjs files in packages/*/bench/ (they import ../dist) and examples/*/bench/ (they run an
// example against the built packages) and print their figures.
// `pnpm bench <filter>` runs only the files whose path contains <filter>.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filter = process.argv[2] ?? '';

const build = spawnSync('pnpm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const files = ['packages', 'examples']
  .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name, 'bench')))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => join(dir, f)),
  )
  .filter((file) => file.includes(filter))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n### ${file.slice(root.length)}`);
  const run = spawnSync(process.execPath, [file], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
if (files.length === 0) console.log('no benchmarks found');
process.exit(failed ? 1 : 0);
