import { describe, expect, it } from 'vitest';
import { isHttpUrl, isIsoDate, isIsoDateTime } from './formats';

describe('contract formats', () => {
  it('accepts only calendar dates that exist', () => {
    expect(isIsoDate('2026-11-30')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-11-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('2026-11-30T00:00:00Z')).toBe(false);
  });

  it('accepts date-times with seconds and Z, and an offset only when asked', () => {
    expect(isIsoDateTime('2026-11-26T10:00:00.000Z')).toBe(true);
    expect(isIsoDateTime('2026-11-26T10:00:00Z')).toBe(true);
    expect(isIsoDateTime('2026-11-26T10:00Z')).toBe(false);
    expect(isIsoDateTime('2026-11-26T10:00:00+01:00')).toBe(false);
    expect(isIsoDateTime('2026-11-26T10:00:00+01:00', true)).toBe(true);
    expect(isIsoDateTime('2026-11-26T24:00:00Z')).toBe(false);
    expect(isIsoDateTime('2026-02-30T10:00:00Z')).toBe(false);
    expect(isIsoDateTime('2026-11-26 10:00:00Z')).toBe(false);
  });

  it('accepts only absolute http(s) URLs', () => {
    expect(isHttpUrl('https://www.amazon.com/ap/oa?client_id=x')).toBe(true);
    expect(isHttpUrl('http://localhost:4000/authorize')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('/relative')).toBe(false);
    expect(isHttpUrl('not a url')).toBe(false);
  });
});
