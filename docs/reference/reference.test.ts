import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes, featureIds, metricKeys } from '@smart-ads/core';
import { describe, expect, it } from 'vitest';
import { referencePage } from './reference';

const page = join(import.meta.dirname, '..', 'reference.md');

describe('docs/reference.md', () => {
  it('is what the catalogues and the view model say today (regenerate with UPDATE_DOCS=1)', async () => {
    const expected = await referencePage();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(page, expected);
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toBe(expected);
  }, 30_000);

  it('names every error code, metric and feature', () => {
    const text = readFileSync(page, 'utf8');
    for (const name of [...errorCodes, ...metricKeys, ...featureIds]) expect(text).toContain(`\`${name}\``);
  });
});
