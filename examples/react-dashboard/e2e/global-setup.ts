import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const exampleRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(exampleRoot, '..', '..');

/**
 * Before the end-to-end suite: chromium is installed (scripts/ensure-chromium.sh), the packages are built (the
 * example resolves them through `dist`, like any consumer) and the app is built with Vite.
 */
export default async function setup(): Promise<void> {
  execFileSync('bash', [join(repoRoot, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
  const require = createRequire(join(exampleRoot, 'package.json'));
  for (const name of ['@smart-ads/core', '@smart-ads/react', '@smart-ads/mock-amazon']) {
    const dist = join(dirname(require.resolve(`${name}/package.json`)), 'dist');
    if (!existsSync(dist))
      throw new Error(`${name} is not built (${dist} is missing): run \`pnpm build\` first`);
  }
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build: test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: exampleRoot,
      mode: 'production',
      logLevel: 'warn',
      configFile: join(exampleRoot, 'vite.config.ts'),
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
