import { encryptionKeyObject } from '../tokens/token-cipher';
import type { ConnectionsHandlerOptions } from './connections-handler-options';

const storeMethods = [
  'createTransaction',
  'getTransaction',
  'claimTransaction',
  'settleTransaction',
  'deleteExpiredTransactions',
  'listConnections',
  'saveConnection',
  'claimTokenRefresh',
  'releaseTokenRefresh',
  'updateAccessToken',
  'markStale',
  'appendEvent',
  'readEvents',
  'lastEventPosition',
  'listHistory',
  'claimHealthChecks',
  'finishHealthCheck',
  'deleteConnection',
  'disconnect',
  'getReport',
  'claimReportJob',
  'setReportJob',
  'claimReportPoll',
  'completeReport',
  'releaseReportJob',
  'firstDataAt',
  'connectionCount',
  'eraseSubscription',
  'applyRetention',
  'recordAccess',
  'listAccess',
  'close',
] as const;

function fail(option: string, problem: string): never {
  throw new TypeError(`createConnectionsHandler: ${option} ${problem}`);
}

function text(value: unknown, option: string): void {
  if (typeof value !== 'string' || value.trim() === '') fail(option, 'must be a non-empty string');
}

function positive(value: unknown, option: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    fail(option, 'must be a number > 0');
}

function absoluteUrl(value: unknown, option: string): void {
  text(value, option);
  let url: URL;
  try {
    url = new URL(value as string);
  } catch {
    fail(option, `must be an absolute URL, got "${String(value)}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(option, 'must be an http(s) URL');
  if (url.hash !== '') fail(option, 'must not have a #fragment (Amazon refuses it)');
}

/**
 * Checks every option of `createConnectionsHandler` when the handler is created, so a misconfiguration stops the
 * host at start with one clear `TypeError` that names the option, instead of a 500 at the first request.
 * Secrets are never repeated in the message.
 *
 * @example
 * ```ts
 * validateHandlerOptions(options); // TypeError: createConnectionsHandler: encryptionKey must be 32 bytes …
 * ```
 */
export function validateHandlerOptions(options: ConnectionsHandlerOptions): void {
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object');
  if (options.basePath !== undefined) {
    if (
      typeof options.basePath !== 'string' ||
      (options.basePath !== '' && !options.basePath.startsWith('/'))
    )
      fail('basePath', 'must be a path starting with "/" (or "")');
  }
  if (typeof options.getSubscription !== 'function') fail('getSubscription', 'must be a function');
  const amazon = options.amazon as Partial<ConnectionsHandlerOptions['amazon']> | undefined;
  if (typeof amazon !== 'object' || amazon === null) fail('amazon', 'must be an object');
  text(amazon.clientId, 'amazon.clientId');
  text(amazon.clientSecret, 'amazon.clientSecret');
  text(amazon.applicationId, 'amazon.applicationId');
  if (typeof amazon.redirectUris !== 'object' || amazon.redirectUris === null)
    fail('amazon.redirectUris', 'must give { advertising, sellerCentral }');
  absoluteUrl(amazon.redirectUris.advertising, 'amazon.redirectUris.advertising');
  absoluteUrl(amazon.redirectUris.sellerCentral, 'amazon.redirectUris.sellerCentral');
  const regions = amazon.regions ?? ['na', 'eu', 'fe'];
  if (!Array.isArray(regions) || regions.length === 0 || regions.some((r) => !['na', 'eu', 'fe'].includes(r)))
    fail('amazon.regions', 'must list regions among "na", "eu", "fe"');
  if (amazon.defaultRegion !== undefined && !regions.includes(amazon.defaultRegion))
    fail('amazon.defaultRegion', 'must be one of amazon.regions');
  const store = options.store as unknown as Record<string, unknown> | undefined;
  if (typeof store !== 'object' || store === null) fail('store', 'must be a ConnectionStore');
  const missing = storeMethods.filter((method) => typeof store[method] !== 'function');
  if (missing.length > 0)
    fail('store', `is missing ${missing.join(', ')} (use createSqliteStore or createPostgresStore)`);
  if (options.encryptionKey === undefined || options.encryptionKey === null)
    fail('encryptionKey', 'is required');
  try {
    encryptionKeyObject(options.encryptionKey);
  } catch (error) {
    fail('encryptionKey', `is not usable: ${(error as Error).message.replace(/^encryptionKey:? ?/, '')}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') fail('fetch', 'must be a function');
  if (options.now !== undefined && typeof options.now !== 'function') fail('now', 'must be a function');
  positive(options.transactionTtlMs, 'transactionTtlMs');
  positive(options.refreshMarginMs, 'refreshMarginMs');
  positive(options.maxRangeDays, 'maxRangeDays');
  positive(options.amazonTimeoutMs, 'amazonTimeoutMs');
  positive(options.exchangeLeaseMs, 'exchangeLeaseMs');
  positive(options.maxBodyBytes, 'maxBodyBytes');
  if (options.allowedOrigins !== undefined) {
    if (!Array.isArray(options.allowedOrigins)) fail('allowedOrigins', 'must be a list of origins');
    for (const origin of options.allowedOrigins) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.origin !== origin)
        fail('allowedOrigins', `must hold origins such as "https://app.example", got "${String(origin)}"`);
    }
  }
  if (options.log !== undefined) {
    const log = options.log as unknown as Record<string, unknown>;
    for (const level of ['info', 'warn', 'error'] as const) {
      if (typeof log[level] !== 'function') fail('log', 'must have info, warn and error(message, fields)');
    }
    if (log.debug !== undefined && typeof log.debug !== 'function') fail('log', 'debug must be a function');
  }
  if (options.logger !== undefined) {
    const logger = options.logger as unknown as Record<string, unknown>;
    if (typeof logger.warn !== 'function' || typeof logger.error !== 'function')
      fail('logger', 'must have warn(message) and error(message)');
  }
}
