// `./dev example [next]`: builds the packages and the example dashboard (Vite, or Next.js), then starts the standalone mock Amazon and the
// example server (which serves the built app) and prints the URL and the test credentials. Ctrl-C stops both.
// Options are passed on: `./dev example --port 4173 --mock-port 4010 --scenario 'dataLatency=24'`.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// `./dev example` runs the Vite dashboard; `./dev example next` the Next.js one. Other arguments are passed on.
const [first, ...rest] = process.argv.slice(2);
const next = first === 'next';
const example = join(root, next ? 'examples/nextjs-dashboard' : 'examples/react-dashboard');
const passOn = next ? rest : process.argv.slice(2);

function run(label, command, args, cwd = root) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`=== ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

run('build the packages', 'pnpm', ['run', '--silent', 'build']);
if (next) run('build the Next.js dashboard', 'pnpm', ['exec', 'next', 'build'], example);
else run('build the dashboard', 'pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], example);

console.log('\n=== start the mock Amazon and the example server');
const server = spawn(process.execPath, [join(example, 'server/main.ts'), ...passOn], {
  cwd: example,
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
const stop = (signal) => {
  if (server.exitCode === null) server.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
server.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
