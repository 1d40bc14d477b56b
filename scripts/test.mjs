// The whole test run: every quality gate, then one summary line `N passed, N failed`.
// Each gate counts as one check; every Vitest test counts as one more. Run through `./dev test`,
// which installs the pinned toolchain and the dependencies first. `./dev test unit lint` runs only those gates.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const artifacts = join(root, '.artifacts');
mkdirSync(artifacts, { recursive: true });

/** @type {{ name: string, ok: boolean, seconds: number, detail?: string }[]} */
const results = [];
let testsPassed = 0;
let testsFailed = 0;

function step(name, command, args, { onDone } = {}) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = performance.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = (performance.now() - started) / 1000;
  const ok = run.status === 0;
  const detail = onDone?.(ok);
  results.push({ name, ok, seconds, detail });
  console.log(
    `=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${seconds.toFixed(1)} s${detail ? ` (${detail})` : ''}`,
  );
  return ok;
}

/** Runs Vitest with a JSON report and adds its test counts to the summary. */
function vitestStep(name, extraArgs) {
  const report = join(artifacts, `vitest-${name}.json`);
  rmSync(report, { force: true });
  const args = ['exec', 'vitest', 'run', ...extraArgs, '--reporter=default', '--reporter=json'];
  return step(name, 'pnpm', [...args, `--outputFile.json=${report}`], {
    onDone: () => {
      if (!existsSync(report)) return 'no report';
      const json = JSON.parse(readFileSync(report, 'utf8'));
      testsPassed += json.numPassedTests;
      testsFailed += json.numFailedTests;
      return `${json.numPassedTests} tests passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped`;
    },
  });
}

const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);
const e2eConfig = 'examples/react-dashboard/vitest.config.ts';
const e2eNextConfig = 'examples/nextjs-dashboard/vitest.config.ts';

if (wanted('typecheck')) step('typecheck', 'pnpm', ['run', '--silent', 'typecheck']);
if (wanted('lint')) step('lint', 'pnpm', ['run', '--silent', 'lint']);
// Debian's chromium drives the browser tests (mock-amazon's worker tests and the e2e suite): ensure it first.
const haveChromium =
  (wanted('unit') || wanted('e2e') || wanted('e2e-next')) &&
  step('chromium', 'bash', ['scripts/ensure-chromium.sh']);
if (wanted('unit')) vitestStep('unit', []);
if (wanted('build')) step('build', 'pnpm', ['run', '--silent', 'build']);
if (wanted('packages')) step('packages', 'pnpm', ['run', '--silent', 'check:packages']);
if (wanted('size')) step('size', 'pnpm', ['run', '--silent', 'size']);
// End-to-end: the example app in Debian's chromium against the built packages, so it runs after `build`.
if (wanted('e2e') && existsSync(join(root, e2eConfig))) {
  // Screenshots for the README are refreshed on demand (E2E_SCREENSHOTS=1), not on every test run.
  process.env.E2E_SCREENSHOTS ??= '0';
  if (haveChromium) vitestStep('e2e', ['--config', e2eConfig]);
}
// The same scenarios against the Next.js example's production build (`next build` in its global set-up).
if (wanted('e2e-next') && existsSync(join(root, e2eNextConfig))) {
  process.env.E2E_SCREENSHOTS ??= '0';
  if (haveChromium) vitestStep('e2e-next', ['--config', e2eNextConfig]);
}

console.log('\nSummary');
for (const r of results) {
  const line = `${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(10)} ${r.seconds.toFixed(1).padStart(6)} s`;
  console.log(`  ${line}${r.detail ? `  ${r.detail}` : ''}`);
}
const gatesPassed = results.filter((r) => r.ok).length;
const gatesFailed = results.length - gatesPassed;
console.log(`${gatesPassed + testsPassed} passed, ${gatesFailed + testsFailed} failed`);
process.exit(gatesFailed > 0 ? 1 : 0);
