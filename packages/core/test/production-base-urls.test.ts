// The production hosts are written twice on purpose: the server half must not depend on the mock, and the mock
// must not depend on the server half. This test is what keeps the two tables the same.
import { amazonProductionBaseUrls as mockHosts } from '@smart-ads/mock-amazon';
import { describe, expect, it } from 'vitest';
import { amazonProductionBaseUrls as serverHosts } from '../src/server/amazon/amazon-base-urls';

describe("Amazon's production hosts", () => {
  it('are the same in the server half and in the mock, for every service and region', () => {
    const { reports, ...mockServices } = mockHosts;
    expect(mockServices).toEqual(serverHosts);
    // The mock knows one more service (report downloads); the server half reaches it only by the URLs Amazon gives.
    expect(Object.keys(reports ?? {})).toEqual(['na', 'eu', 'fe']);
  });
});
