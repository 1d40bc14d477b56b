// The walkthrough as a command: `node src/main.ts [--mock http://127.0.0.1:4010] [--data ./data]`.
// Against `mock-amazon serve` when --mock (or MOCK_AMAZON_URL) names one; otherwise it starts a standalone mock
// Amazon itself (a real HTTP server on a free port) and stops it at the end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultMockApp, mockAmazonBaseUrls, startMockAmazonServer } from '@smart-ads/mock-amazon/node';
import { runWalkthrough } from './walkthrough.ts';

const { values } = parseArgs({
  // `pnpm start -- --mock …` passes the `--` on: skip it.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    mock: { type: 'string', default: process.env.MOCK_AMAZON_URL },
    data: { type: 'string' },
  },
});

const ownMock = values.mock ? null : await startMockAmazonServer({ clock: 'running' });
const mockUrl = values.mock ?? ownMock?.url ?? '';
const dataDir = values.data ?? (await mkdtemp(join(tmpdir(), 'smart-ads-node-embedding-')));
try {
  await runWalkthrough({
    mockUrl,
    baseUrls: mockAmazonBaseUrls(mockUrl),
    // Your Amazon app's credentials come from the environment; the mock's own app otherwise.
    app: {
      clientId: process.env.LWA_CLIENT_ID ?? defaultMockApp.clientId,
      clientSecret: process.env.LWA_CLIENT_SECRET ?? defaultMockApp.clientSecret,
      applicationId: process.env.SP_API_APPLICATION_ID ?? defaultMockApp.applicationId,
      draftApp: process.env.SP_API_DRAFT_APP ? process.env.SP_API_DRAFT_APP === 'true' : defaultMockApp.draft,
    },
    dataDir,
    // Keep the same key (base64 of 32 bytes, `openssl rand -base64 32`) to reuse a --data folder across runs.
    encryptionKey: process.env.AMAZON_TOKEN_KEY ?? crypto.getRandomValues(new Uint8Array(32)),
  });
} finally {
  await ownMock?.close();
  if (!values.data) await rm(dataDir, { recursive: true, force: true });
}
