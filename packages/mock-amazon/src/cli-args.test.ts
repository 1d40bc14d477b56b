import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-args.js';

describe('mock-amazon CLI arguments', () => {
  it('defaults to serve on 127.0.0.1:4010 with a running clock', () => {
    expect(parseCli([])).toEqual({
      help: false,
      server: { port: 4010, host: '127.0.0.1', clock: 'running', app: {} },
      scenarios: [],
    });
  });

  it('reads port, host, seed, now, clock, app settings and repeated scenarios', () => {
    const command = parseCli([
      'serve',
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--seed',
      '42',
      '--now',
      '2026-11-20T12:00:00Z',
      '--clock',
      'frozen',
      '--redirect-uri',
      'http://localhost:5173/cb',
      '--published',
      '--scenario',
      'emptyReports',
      '--scenario',
      'dataLatency=24',
      '--scenario',
      'throttle=["spapi",{"times":3}]',
      '--scenario',
      'revokeAuthorization=user_good@example.com',
    ]);
    expect(command.server).toEqual({
      port: 0,
      host: '0.0.0.0',
      seed: 42,
      now: Date.UTC(2026, 10, 20, 12),
      clock: 'frozen',
      app: { redirectUris: ['http://localhost:5173/cb'], draft: false },
    });
    expect(command.scenarios).toEqual([
      { name: 'emptyReports', args: [] },
      { name: 'dataLatency', args: [24] },
      { name: 'throttle', args: ['spapi', { times: 3 }] },
      { name: 'revokeAuthorization', args: ['user_good@example.com'] },
    ]);
  });

  it('refuses bad values with a typed error', () => {
    expect(() => parseCli(['--port', 'many'])).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => parseCli(['--clock', 'sometimes'])).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => parseCli(['launch'])).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => parseCli(['--now', 'yesterday'])).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
