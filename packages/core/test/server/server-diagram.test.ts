import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readServerModules, serverDiagramPage } from './server-diagram';

const serverDir = fileURLToPath(new URL('../../src/server', import.meta.url));
const page = fileURLToPath(new URL('../../../../docs/server-modules.md', import.meta.url));
const modules = readServerModules(serverDir);

describe('the server folders diagram in docs/', () => {
  it('is the diagram the source draws today (regenerate with UPDATE_DIAGRAM=1)', () => {
    const expected = serverDiagramPage(modules);
    if (process.env.UPDATE_DIAGRAM === '1') writeFileSync(page, expected);
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toBe(expected);
  });

  it('keeps the layers: storage, amazon and tokens never reach up into http, oauth or metrics', () => {
    const upward = modules.filter(
      (m) =>
        ['storage', 'amazon', 'tokens'].includes(m.folder) &&
        m.imports.some((folder) => ['http', 'oauth', 'metrics', 'access', 'host'].includes(folder)),
    );
    expect(upward.map((m) => `${m.file} -> ${m.imports.join(', ')}`)).toEqual([]);
  });

  it('keeps host/ (access, gate, events, health checks) on top: only the entry point imports it', () => {
    expect(modules.filter((m) => m.imports.includes('host')).map((m) => m.file)).toEqual(['index.ts']);
  });

  it('has no loose files but the entry point', () => {
    expect(modules.filter((m) => m.folder === '.').map((m) => m.file)).toEqual(['index.ts']);
  });
});
