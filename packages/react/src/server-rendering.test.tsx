// @vitest-environment node
import { ConnectionsProvider, createHttpTransport, MetricValue, useConnection } from '@smart-ads/react';
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
});
