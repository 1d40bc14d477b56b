// Every README's code samples are files under docs/samples (type-checked and run by the `docs` test project):
// this checks that each README block is byte for byte its file (or region), that no code block is written by hand,
// that every sample file is run by a test, and that the samples are safe to copy. `UPDATE_DOCS=1` rewrites the
// README blocks from the files.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  codeLanguages,
  fencedBlocks,
  findReadmes,
  repoRoot,
  samplePath,
  samplesRoot,
  sampleText,
  syncReadme,
} from './readme-samples';

const readmes = findReadmes();
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const references = readmes.flatMap((readme) =>
  fencedBlocks(read(readme)).flatMap((block) => (block.sample ? [{ readme, ...block }] : [])),
);
const sampleFiles = [...new Set(references.map((reference) => samplePath(reference.sample ?? '')))];

function testFiles(folder = samplesRoot): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the READMEs show the sample files, as they are', () => {
  it('finds the READMEs of the root, the packages, the server half and the examples', () => {
    for (const readme of [
      'README.md',
      'packages/core/README.md',
      'packages/react/README.md',
      'packages/mock-amazon/README.md',
      'examples/node-embedding/README.md',
    ]) {
      expect(readmes).toContain(readme);
    }
    expect(readmes.some((readme) => /^packages\/core\/src\/server\/(.+\/)?README\.md$/.test(readme))).toBe(
      true,
    );
  });

  it.each(readmes)(
    '%s: every code block comes from a sample file and matches it (UPDATE_DOCS=1 rewrites)',
    (readme) => {
      const markdown = read(readme);
      if (process.env.UPDATE_DOCS === '1') writeFileSync(join(repoRoot, readme), syncReadme(markdown));
      const blocks = fencedBlocks(read(readme));
      const handWritten = blocks
        .filter((block) => codeLanguages.has(block.language) && !block.sample)
        .map((block) => `line ${block.line} (${block.language})`);
      expect(handWritten, 'code blocks without a <!-- sample: … --> marker').toEqual([]);
      for (const block of blocks) {
        if (!block.sample) continue;
        expect(block.sample.startsWith('docs/samples/'), `${block.sample} is not under docs/samples`).toBe(
          true,
        );
        expect(block.text, `${readme} line ${block.line} differs from ${block.sample}`).toBe(
          sampleText(block.sample),
        );
      }
    },
  );

  it('every sample file is run by a test (it is one, or a test imports it)', () => {
    expect(sampleFiles.length).toBeGreaterThan(0);
    const tests = testFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    const unrun = sampleFiles.filter((file) => {
      const path = join(repoRoot, file);
      if (!existsSync(path)) return true;
      if (/\.test\.tsx?$/.test(file)) return false;
      const stem = relative(samplesRoot, path).replace(/\.(tsx?|html)$/, '');
      return !tests.some(({ path: testPath, text }) => {
        const fromTest = relative(join(testPath, '..'), join(samplesRoot, stem)).replace(/\\/g, '/');
        const specifier = fromTest.startsWith('.') ? fromTest : `./${fromTest}`;
        const name = stem.split('/').at(-1) ?? stem;
        return (
          text.includes(`'${specifier}'`) ||
          text.includes(`'${specifier}.html'`) ||
          text.includes(`'${name}.html'`)
        );
      });
    });
    expect(unrun, 'sample files no test imports').toEqual([]);
  });

  it('samples are safe to copy: no HTML built from strings, no secrets in code', () => {
    const unsafe = /\.innerHTML\s*=|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write\(/;
    const secret = /amzn1\.oa2-cs\.|clientSecret:\s*['"`]|encryptionKey:\s*['"`]|AKIA[0-9A-Z]{16}/;
    for (const file of sampleFiles) {
      const text = read(file);
      expect(unsafe.test(text), `${file} builds HTML from strings`).toBe(false);
      expect(secret.test(text), `${file} has a secret in its code`).toBe(false);
    }
  });
});
