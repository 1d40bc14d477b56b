import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(appRoot, '..', '..');

/**
 * Before the suite: chromium is installed, the packages are built (the app resolves them through `dist`, like any
 * consumer) and the app gets its production build (`next build`), as a host deploys it.
 */
export default function setup(): void {
  execFileSync('bash', [join(repoRoot, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
  const require = createRequire(join(appRoot, 'package.json'));
  for (const name of ['@smart-ads/core', '@smart-ads/react', '@smart-ads/mock-amazon']) {
    const dist = join(dirname(require.resolve(`${name}/package.json`)), 'dist');
    if (!existsSync(dist))
      throw new Error(`${name} is not built (${dist} is missing): run \`pnpm build\` first`);
  }
  const started = performance.now();
  execFileSync(process.execPath, [join(appRoot, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: appRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    // Vitest sets NODE_ENV=test; a production build is what ships.
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  console.log(`next build: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
