// @vitest-environment node
import {
  ConnectionsProvider,
  type ConnectionsStatus,
  createHttpTransport,
  MetricValue,
  useConnection,
} from '@smart-ads/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

function Status() {
  const advertising = useConnection('advertising');
  return (
    <p>
      {advertising.label}: {advertising.activity}
    </p>
  );
}

function Account() {
  const advertising = useConnection('advertising');
  return (
    <p>
      {advertising.accountName}: {advertising.condition}
    </p>
  );
}

describe('server rendering', () => {
  it('imports and renders without a window: loading state, the figure shown unstyled, nothing sent', () => {
    expect(typeof globalThis.window).toBe('undefined');
    let requests = 0;
    const fetch = async () => {
      requests++;
      return new Response('{}');
    };
    const html = renderToString(
      <ConnectionsProvider
        options={{ transport: createHttpTransport({ baseUrl: 'http://app.example/api/amazon', fetch }) }}
      >
        <Status />
        <MetricValue metric="totalSales" />
      </ConnectionsProvider>,
    );
    expect(html).toContain('Amazon Advertising<!-- -->: <!-- -->loading');
    expect(html).toContain('data-metric="totalSales"');
    expect(requests).toBe(0);
  });

  it('renders the connections the server read when given initialStatus: no loading state, nothing sent', () => {
    let requests = 0;
    const fetch = async () => {
      requests++;
      return new Response('{}');
    };
    const status: ConnectionsStatus = {
      subscription: { accountLimit: 1 },
      advertising: {
        kind: 'advertising',
        health: 'ok',
        account: {
          id: 'ENTITY-ACME',
          name: 'Acme Outdoor',
          type: 'seller',
          marketplaces: [
            { profileId: '111', countryCode: 'US', marketplaceId: 'ATVPDKIKX0DER', region: 'na' },
          ],
        },
        connectedAt: '2026-11-26T10:00:00.000Z',
        data: { state: 'ready', since: '2026-11-26T10:00:00.000Z' },
      },
      sellerCentral: null,
    };
    const html = renderToString(
      <ConnectionsProvider
        options={{
          transport: createHttpTransport({ baseUrl: 'http://app.example/api/amazon', fetch }),
          initialStatus: status,
        }}
      >
        <Account />
      </ConnectionsProvider>,
    );
    expect(html).toContain('Acme Outdoor<!-- -->: <!-- -->ready');
    expect(requests).toBe(0);
  });
});
