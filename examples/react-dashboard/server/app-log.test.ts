import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppLog } from './app-log.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the example’s log', () => {
  it('prints readable lines in development and one JSON object per line in production', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    createAppLog(false).info('request', { requestId: 'req_1', route: 'GET /status', status: 200 });
    expect(info.mock.calls[0]?.[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}request {2}requestId=req_1 route=GET \/status status=200$/,
    );
    createAppLog(true).info('request', { requestId: 'req_2', status: 200 });
    expect(JSON.parse(String(info.mock.calls[1]?.[0]))).toMatchObject({
      level: 'info',
      message: 'request',
      requestId: 'req_2',
      status: 200,
      time: expect.stringMatching(/Z$/),
    });
  });

  it('prints Amazon calls (debug) only when asked', () => {
    expect(createAppLog(false, false).debug).toBeUndefined();
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    createAppLog(true, true).debug?.('amazon call', { endpoint: 'ads:/v2/profiles', status: 200 });
    expect(JSON.parse(String(debug.mock.calls[0]?.[0]))).toMatchObject({ level: 'debug', status: 200 });
  });
});
