// README code samples live in files under docs/samples (type-checked, and run against the mock Amazon by the
// test suite); a README shows a file, or regions of it, in a fenced block right after a marker line:
//
//   <!-- sample: docs/samples/server/amazon-handler.ts -->
//   <!-- sample: docs/samples/mock-amazon/scenarios.test.ts#clock -->
//   <!-- sample: docs/samples/mock-amazon/standalone.test.ts#sign-in-imports,sign-in -->
//
// A region is the lines between `// #region <name>` and `// #endregion <name>` (`<!-- #region <name> -->` in
// HTML), without their common indentation; several regions are joined with a blank line.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const repoRoot = join(import.meta.dirname, '..');
/** Where samples live: everything here is type-checked (docs/samples/tsconfig.json) and linted. */
export const samplesRoot = join(repoRoot, 'docs', 'samples');

/** Fence languages that are code a reader copies: they must come from a sample file. */
export const codeLanguages = new Set([
  'ts',
  'tsx',
  'js',
  'jsx',
  'mjs',
  'cjs',
  'html',
  'typescript',
  'javascript',
]);

const skippedFolders = new Set(['node_modules', 'dist', '.git', '.toolchain', '.artifacts', '.debug']);

/** Every README.md of the repository (packages, server folder, examples, docs), relative to the root. */
export function findReadmes(folder = repoRoot): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) found.push(...findReadmes(join(folder, entry.name)));
    } else if (entry.name === 'README.md') {
      found.push(relative(repoRoot, join(folder, entry.name)));
    }
  }
  return found.sort();
}

/** One fenced block of a README. */
export interface FencedBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly language: string;
  /** The block's text (without the fences). */
  readonly text: string;
  /** The sample it shows: `path#region,region`, or null when no marker precedes it. */
  readonly sample: string | null;
  /** Offsets of the text in the README, for rewriting it. */
  readonly start: number;
  readonly end: number;
}

const markerPattern = /^<!-- sample: (\S+) -->$/;

/** The fenced blocks of a markdown text, with the sample marker on the line before each (if any). */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  let offset = 0;
  const offsets = lines.map((line) => {
    const at = offset;
    offset += line.length + 1;
    return at;
  });
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(\S*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[1] ?? '```';
    let close = i + 1;
    while (close < lines.length && lines[close] !== fence) close++;
    const start = offsets[i + 1] ?? markdown.length;
    const end = close < lines.length ? (offsets[close] ?? markdown.length) : markdown.length;
    blocks.push({
      line: i + 1,
      language: open[2] ?? '',
      text: markdown.slice(start, end).replace(/\n$/, ''),
      sample: markerPattern.exec(lines[i - 1] ?? '')?.[1] ?? null,
      start,
      end,
    });
    i = close;
  }
  return blocks;
}

function dedent(lines: readonly string[]): string {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = Math.min(...indents, Number.POSITIVE_INFINITY);
  const trimmed = lines.map((line) => line.slice(Number.isFinite(common) ? common : 0));
  while (trimmed[0]?.trim() === '') trimmed.shift();
  while (trimmed.at(-1)?.trim() === '') trimmed.pop();
  return trimmed.join('\n');
}

const regionLine = /^\s*(\/\/|<!--)\s*#(end)?region\b.*$/;

/** The text a sample reference stands for: the whole file or its regions. Throws when one is missing. */
export function sampleText(reference: string): string {
  const [path = '', regions] = reference.split('#');
  const text = readFileSync(join(repoRoot, path), 'utf8');
  const lines = text.replace(/\n$/, '').split('\n');
  if (!regions) return dedent(lines.filter((line) => !regionLine.test(line)));
  return regions
    .split(',')
    .map((name) => {
      const begin = lines.findIndex((line) => new RegExp(`^\\s*(//|<!--)\\s*#region ${name}\\b`).test(line));
      const finish = lines.findIndex((line) =>
        new RegExp(`^\\s*(//|<!--)\\s*#endregion ${name}\\b`).test(line),
      );
      if (begin < 0 || finish < begin) throw new Error(`${path} has no region "${name}"`);
      return dedent(lines.slice(begin + 1, finish).filter((line) => !regionLine.test(line)));
    })
    .join('\n\n');
}

/** The README with every marked block rewritten from its sample. */
export function syncReadme(markdown: string): string {
  let result = markdown;
  for (const block of fencedBlocks(markdown).reverse()) {
    if (!block.sample) continue;
    result = `${result.slice(0, block.start)}${sampleText(block.sample)}\n${result.slice(block.end)}`;
  }
  return result;
}

/** The file part of a sample reference. */
export const samplePath = (reference: string): string => reference.split('#')[0] ?? '';
