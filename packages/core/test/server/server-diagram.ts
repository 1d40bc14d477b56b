// Draws the server half's folders and the imports between them (docs/server-modules.md), from the source files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One production file of the server half: its folder and the folders it imports from. */
export interface ServerModule {
  /** Path relative to `src/server`, e.g. `http/connections-handler.ts`. */
  readonly file: string;
  /** `http`, `oauth`, …, or `.` for the entry point. */
  readonly folder: string;
  /** Folders of `src/server` this file imports from (other than its own), and `core` for the browser half. */
  readonly imports: readonly string[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '.');

/** Reads every production file under `serverDir` (tests excluded). */
export function readServerModules(serverDir: string): ServerModule[] {
  return walk(serverDir).map((path) => {
    const file = relative(serverDir, path);
    const text = readFileSync(path, 'utf8');
    const imports = new Set<string>();
    for (const match of text.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
      const target = relative(serverDir, resolve(dirname(path), match[1] ?? ''));
      const folder = target.startsWith('..') ? 'core' : folderOf(target);
      if (folder !== folderOf(file)) imports.add(folder);
    }
    return { file, folder: folderOf(file), imports: [...imports].sort() };
  });
}

/** The Markdown page: a Mermaid graph of the folders, then the files of each folder. */
export function serverDiagramPage(modules: readonly ServerModule[]): string {
  const folders = [...new Set(modules.map((m) => m.folder))].sort();
  const edges = new Set<string>();
  for (const m of modules) for (const to of m.imports) edges.add(`${m.folder}|${to}`);
  const id = (folder: string) => (folder === '.' ? 'entry' : folder);
  const lines = [
    '# The server half, folder by folder',
    '',
    'Generated from the imports of `packages/core/src/server` by `packages/core/test/server/server-diagram.ts`; do',
    'not edit by hand. `server-diagram.test.ts` beside it fails when this page and the source differ; regenerate with',
    '`UPDATE_DIAGRAM=1 pnpm exec vitest run --project core test/server/server-diagram`.',
    '',
    'An arrow `a --> b` means a file in `a` imports from `b`; `core` is the browser half it shares (contract, errors,',
    'metric catalogue). Tests sit beside the files they test; test support lives in `packages/core/test/server`.',
    '',
    '```mermaid',
    'flowchart LR',
    ...folders.map((folder) => `  ${id(folder)}["${folder === '.' ? 'index.ts' : `${folder}/`}"]`),
    '  core[("core (browser half)")]',
    ...[...edges].sort().map((edge) => {
      const [from, to] = edge.split('|') as [string, string];
      return `  ${id(from)} --> ${id(to)}`;
    }),
    '```',
    '',
  ];
  lines.push('| folder | files |', '| --- | --- |');
  for (const folder of folders) {
    const files = modules
      .filter((m) => m.folder === folder)
      .map((m) => `\`${m.file.slice(m.file.indexOf('/') + 1)}\``);
    lines.push(`| \`${folder === '.' ? 'src/server' : `${folder}/`}\` | ${files.join(', ')} |`);
  }
  lines.push('');
  return lines.join('\n');
}
