import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { version } from './index';

describe('package metadata', () => {
  it('reports the version that package.json publishes', () => {
    expect(version).toBe(pkg.version);
  });
});
