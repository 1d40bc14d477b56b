// The whole test run: every quality gate, then one summary line `N passed, N failed`.
// Each gate counts as one check; every Vitest test counts as one more. Run through `./dev test`,
// which installs the pinned toolchain and the dependencies first.
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

const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);

if (wanted('typecheck')) step('typecheck', 'pnpm', ['run', '--silent', 'typecheck']);
if (wanted('lint')) step('lint', 'pnpm', ['run', '--silent', 'lint']);
if (wanted('unit')) {
  const report = join(artifacts, 'vitest.json');
  rmSync(report, { force: true });
  step(
    'unit',
    'pnpm',
    ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    {
      onDone: () => {
        if (!existsSync(report)) return 'no report';
        const json = JSON.parse(readFileSync(report, 'utf8'));
        testsPassed += json.numPassedTests;
        testsFailed += json.numFailedTests;
        return `${json.numPassedTests} tests passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped`;
      },
    },
  );
}
if (wanted('build')) step('build', 'pnpm', ['run', '--silent', 'build']);
if (wanted('packages')) step('packages', 'pnpm', ['run', '--silent', 'check:packages']);
if (wanted('size')) step('size', 'pnpm', ['run', '--silent', 'size']);

console.log('\nSummary');
for (const r of results) {
  console.log(
    `  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(10)} ${r.seconds.toFixed(1).padStart(6)} s${r.detail ? `  ${r.detail}` : ''}`,
  );
}
const gatesPassed = results.filter((r) => r.ok).length;
const gatesFailed = results.length - gatesPassed;
console.log(`${gatesPassed + testsPassed} passed, ${gatesFailed + testsFailed} failed`);
process.exit(gatesFailed > 0 ? 1 : 0);
