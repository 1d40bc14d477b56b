// Test support: a throwaway PostgreSQL cluster, started by the test suite itself and deleted afterwards.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A running throwaway cluster. */
export interface PostgresTestCluster {
  readonly connectionString: string;
  stop(): Promise<void>;
}

function findBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin;
  }
  throw new Error(
    'PostgreSQL server binaries (initdb, postgres) were not found under /usr/lib/postgresql/*/bin. ' +
      'Install them with: apt-get install -y postgresql',
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a binary as the `postgres` user when we are root (postgres refuses to run as root). */
function asPostgres(command: string, args: string[]): { command: string; args: string[] } {
  return process.getuid?.() === 0
    ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] }
    : { command, args };
}

/**
 * Starts a fresh PostgreSQL cluster on a free port in a temporary folder and waits until it accepts
 * connections. Fails loudly (with the apt-get command) when the server binaries are missing.
 */
export async function startPostgresTestCluster(): Promise<PostgresTestCluster> {
  const bin = findBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'smart-ads-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const init = asPostgres(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  execFileSync(init.command, init.args, { stdio: 'pipe' });
  const port = await freePort();
  const run = asPostgres(join(bin, 'postgres'), [
    '-D',
    data,
    '-k',
    dir,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-F',
    '-c',
    'max_connections=100',
  ]);
  const server: ChildProcess = spawn(run.command, run.args, { stdio: 'ignore' });
  let exited = false;
  server.once('exit', () => {
    exited = true;
  });
  const connectionString = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new pg.Client({ connectionString });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (exited || Date.now() > deadline) {
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`the throwaway PostgreSQL server did not start on port ${port}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    connectionString,
    async stop() {
      if (!exited) {
        const done = new Promise((resolve) => server.once('exit', resolve));
        // runuser does not pass signals on: stop the postmaster itself (fast shutdown), by its pid file.
        const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
        if (Number.isInteger(postmaster) && postmaster > 0) process.kill(postmaster, 'SIGINT');
        else server.kill('SIGINT');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
