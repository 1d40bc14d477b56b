// Packs every publishable package the way npm would publish it, then runs publint --strict and
// @arethetypeswrong/cli on the tarball. Exits non-zero on any problem. Needs a prior `pnpm build`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.artifacts', 'packs');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const packages = readdirSync(join(root, 'packages'));
let failed = 0;
for (const name of packages) {
  const dir = join(root, 'packages', name);
  const before = new Set(readdirSync(out));
  execFileSync('pnpm', ['pack', '--pack-destination', out], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(out).find((f) => !before.has(f));
  const path = join(out, tarball);
  for (const [tool, args] of [
    ['publint', ['exec', 'publint', 'run', '--strict', path]],
    // esm-only packages: the node10 and CJS-require resolutions cannot apply by design.
    ['attw', ['exec', 'attw', path, '--profile', 'esm-only', '--format', 'ascii']],
  ]) {
    try {
      const text = execFileSync('pnpm', args, {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      console.log(`ok   ${tool} ${name}`);
      if (process.env.VERBOSE) console.log(text);
    } catch (error) {
      failed++;
      console.log(`FAIL ${tool} ${name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
process.exit(failed ? 1 : 0);
