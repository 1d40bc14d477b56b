/**
 * Test support (not exported by the package): an in-memory backend that implements the contract's rules, so the
 * machine can be driven end to end without HTTP. Faults are opt-in.
 */
import type { ErrorCode } from '../src/contract/error-codes';
import type {
  AdvertisingAccount,
  AmazonRegion,
  AuthorizeRequest,
  AuthorizeResponse,
  CallbackRequest,
  CallbackResponse,
  ConnectionKind,
  ConnectionsStatus,
  DataSource,
  DisconnectRequest,
  MetricsResponse,
  SelectAccountRequest,
} from '../src/contract/types';
import { ConnectionsError } from '../src/errors/connections-error';
import { NetworkFailureError } from '../src/errors/network-failure-error';
import { ProblemError } from '../src/errors/problem-error';
import { parseCallbackUrl } from '../src/oauth/callback.parse';
import type { Transport } from '../src/transport/transport.types';

export type FakeMethod = keyof Transport;

export interface FakeCall {
  readonly method: FakeMethod;
  readonly request: unknown;
}

export const acme: AdvertisingAccount = {
  id: 'ENTITY-ACME',
  name: 'Acme Outdoor',
  type: 'seller',
  marketplaces: [{ profileId: '111', countryCode: 'US', marketplaceId: 'ATVPDKIKX0DER', region: 'na' }],
};
export const globex: AdvertisingAccount = {
  id: 'ENTITY-GLOBEX',
  name: 'Globex EU',
  type: 'seller',
  marketplaces: [{ profileId: '222', countryCode: 'DE', marketplaceId: 'A1PA6795UKMFR9', region: 'eu' }],
};

const at = '2026-11-26T10:00:00.000Z';

export function advertisingConnection(
  overrides: Partial<{
    health: 'ok' | 'stale';
    data: 'populating' | 'ready';
    account: AdvertisingAccount;
    since: string;
  }> = {},
): NonNullable<ConnectionsStatus['advertising']> {
  return {
    kind: 'advertising',
    health: overrides.health ?? 'ok',
    account: overrides.account ?? acme,
    connectedAt: overrides.since ?? at,
    data: { state: overrides.data ?? 'ready', since: overrides.since ?? at },
  };
}

export function sellerCentralConnection(
  overrides: Partial<{
    health: 'ok' | 'stale';
    data: 'populating' | 'ready';
    since: string;
    missing: DataSource[];
    attempt: number;
    region: AmazonRegion;
  }> = {},
): NonNullable<ConnectionsStatus['sellerCentral']> {
  const europe = overrides.region === 'eu';
  return {
    kind: 'sellerCentral',
    health: overrides.health ?? 'ok',
    sellingPartnerId: europe ? 'A2SELLEREU' : 'A2SELLER',
    region: overrides.region ?? 'na',
    marketplaces: europe
      ? [
          { id: 'A1F83G8C2ARO7P', name: 'Amazon.co.uk', countryCode: 'GB' },
          { id: 'A1PA6795UKMFR9', name: 'Amazon.de', countryCode: 'DE' },
        ]
      : [{ id: 'ATVPDKIKX0DER', name: 'Amazon.com', countryCode: 'US' }],
    connectedAt: overrides.since ?? at,
    data: {
      state: overrides.data ?? 'ready',
      since: overrides.since ?? at,
      ...(overrides.missing ? { missing: overrides.missing } : {}),
      ...(overrides.attempt ? { attempt: overrides.attempt } : {}),
    },
  };
}

export function statusOf(
  advertising: ConnectionsStatus['advertising'] = null,
  sellerCentral: ConnectionsStatus['sellerCentral'] = null,
  accountLimit = 1,
): ConnectionsStatus {
  return { subscription: { accountLimit }, advertising, sellerCentral };
}

export interface FakeBackendOptions {
  readonly status?: ConnectionsStatus;
  /** What the next sign-in sees: one account (connects directly) or several (choose_account). */
  readonly accounts?: readonly AdvertisingAccount[];
  /** The clock for `expiresAt`. */
  readonly now?: () => number;
  /** How long an authorize `state` lives. */
  readonly stateTtlMs?: number;
  /** Data state of new connections. */
  readonly newData?: 'populating' | 'ready';
}

export interface FakeBackend extends Transport {
  status: ConnectionsStatus;
  accounts: readonly AdvertisingAccount[];
  readonly calls: FakeCall[];
  /** Codes received more than once (must stay empty). */
  readonly doubleSpent: string[];
  /** Advertising disconnects received without `confirmed: true` (must stay empty from the client). */
  readonly unconfirmedDisconnects: number;
  /** The next call of `method` fails with `error` (first in, first out). */
  failNext(method: FakeMethod, error: ErrorCode | 'network' | Error): void;
  /** The next `POST /callback` is carried out, then its answer is lost on the network. */
  loseNextCallbackAnswer(): void;
  /** A callback URL Amazon would send the browser to for the last authorize of `kind`. */
  amazonReturn(authorizeUrl: string, outcome?: 'granted' | 'refused', origin?: string): string;
}

let counter = 0;
function randomToken(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 14)}`.padEnd(24, 'x');
}

function problem(code: ErrorCode, status: number): ProblemError {
  return new ProblemError(code, status, `fake backend: ${code}`);
}

export function createFakeBackend(options: FakeBackendOptions = {}): FakeBackend {
  const now = options.now ?? Date.now;
  const ttl = options.stateTtlMs ?? 10 * 60 * 1000;
  const faults = new Map<FakeMethod, (ErrorCode | 'network' | Error)[]>();
  const states = new Map<
    string,
    {
      kind: ConnectionKind;
      expiresAt: number;
      accounts?: readonly AdvertisingAccount[];
      region?: AmazonRegion;
    }
  >();
  const codesSeen = new Set<string>();
  const calls: FakeCall[] = [];
  const doubleSpent: string[] = [];
  let unconfirmedDisconnects = 0;

  const fault = (method: FakeMethod, request: unknown) => {
    calls.push({ method, request });
    const queue = faults.get(method);
    const next = queue?.shift();
    if (next === undefined) return;
    if (next instanceof Error) throw next;
    if (next === 'network') throw new NetworkFailureError(false);
    throw problem(next, next === 'account_limit_reached' || next === 'account_conflict' ? 409 : 400);
  };
  const nowIso = () => new Date(now()).toISOString();
  let loseCallbackAnswer = false;

  const backend: FakeBackend = {
    status: options.status ?? statusOf(),
    accounts: options.accounts ?? [acme],
    calls,
    doubleSpent,
    get unconfirmedDisconnects() {
      return unconfirmedDisconnects;
    },
    failNext(method, error) {
      faults.set(method, [...(faults.get(method) ?? []), error]);
    },
    loseNextCallbackAnswer() {
      loseCallbackAnswer = true;
    },
    amazonReturn(authorizeUrl, outcome = 'granted', origin = 'https://app.example') {
      const state = new URL(authorizeUrl).searchParams.get('state') ?? '';
      const entry = states.get(state);
      const url = new URL('/connections/return', origin);
      if (outcome === 'refused') {
        url.searchParams.set('error', 'access_denied');
        url.searchParams.set('error_description', 'The user denied the request');
        url.searchParams.set('state', state);
      } else if (entry?.kind === 'sellerCentral') {
        url.searchParams.set('state', state);
        url.searchParams.set('selling_partner_id', 'A2SELLER');
        url.searchParams.set('spapi_oauth_code', randomToken('spapi'));
      } else {
        url.searchParams.set('code', randomToken('code'));
        url.searchParams.set('scope', 'advertising::campaign_management');
        url.searchParams.set('state', state);
      }
      if (!parseCallbackUrl(url.href)) throw new Error('fake backend built an unreadable callback');
      return url.href;
    },
    async getStatus() {
      fault('getStatus', null);
      return structuredClone(backend.status);
    },
    async authorize(request: AuthorizeRequest): Promise<AuthorizeResponse> {
      fault('authorize', request);
      const { advertising } = backend.status;
      if (request.kind === 'advertising' && advertising && advertising.health === 'ok') {
        if (backend.status.subscription.accountLimit <= 1) throw problem('account_limit_reached', 409);
      }
      if (request.kind === 'sellerCentral' && !advertising) throw problem('advertising_required', 409);
      const state = randomToken('state');
      const expiresAt = now() + ttl;
      states.set(state, {
        kind: request.kind,
        expiresAt,
        ...(request.region ? { region: request.region } : {}),
      });
      const host =
        request.kind === 'advertising'
          ? 'https://www.amazon.com/ap/oa'
          : request.region === 'eu'
            ? 'https://sellercentral-europe.amazon.com/apps/authorize/consent'
            : 'https://sellercentral.amazon.com/apps/authorize/consent';
      return {
        authorizeUrl: `${host}?client_id=fake&state=${encodeURIComponent(state)}`,
        state,
        expiresAt: new Date(expiresAt).toISOString(),
      };
    },
    async callback(request: CallbackRequest): Promise<CallbackResponse> {
      const answer = await applyCallback(request);
      if (loseCallbackAnswer) {
        loseCallbackAnswer = false;
        throw new NetworkFailureError(false);
      }
      return answer;
    },
    async selectAccount(request: SelectAccountRequest): Promise<ConnectionsStatus> {
      fault('selectAccount', request);
      const entry = states.get(request.state);
      const account = entry?.accounts?.find((candidate) => candidate.id === request.accountId);
      if (!account) throw problem('invalid_request', 400);
      const current = backend.status.advertising;
      // As the server's planSave: a stale account still holds the plan's slot; only the same account repairs it.
      if (current && current.account.id !== account.id) throw problem('account_conflict', 409);
      backend.status = {
        ...backend.status,
        advertising: advertisingConnection({
          account,
          data: options.newData ?? 'populating',
          since: nowIso(),
        }),
      };
      states.delete(request.state);
      return structuredClone(backend.status);
    },
    async disconnect(request: DisconnectRequest): Promise<ConnectionsStatus> {
      if (request.kind === 'advertising' && request.confirmed !== true) unconfirmedDisconnects += 1;
      fault('disconnect', request);
      if (request.kind === 'advertising') {
        if (request.confirmed !== true) throw problem('confirmation_required', 409);
        if (!backend.status.advertising) throw problem('not_connected', 404);
        backend.status = { ...backend.status, advertising: null, sellerCentral: null };
      } else {
        const seller = backend.status.sellerCentral;
        if (!seller) throw problem('not_connected', 404);
        const regions = seller.regions ?? [seller];
        if (request.region && !regions.some((entry) => entry.region === request.region))
          throw problem('not_connected', 404);
        const left = request.region ? regions.filter((entry) => entry.region !== request.region) : [];
        backend.status = {
          ...backend.status,
          sellerCentral: left[0] ? { ...left[0], kind: 'sellerCentral', regions: left } : null,
        };
      }
      return structuredClone(backend.status);
    },
    async getMetrics(range): Promise<MetricsResponse> {
      fault('getMetrics', range);
      // As the server: a marketplace's Seller Central figures come from its region's authorisation.
      const marketplace = backend.status.marketplaces?.find(
        (entry) => entry.marketplaceId === range.marketplace,
      );
      const missing = (kind: ConnectionKind) => {
        const connection = backend.status[kind];
        if (!connection) return { value: null, reason: 'disconnected' as const };
        const regional =
          kind === 'sellerCentral' && marketplace && backend.status.sellerCentral?.regions
            ? backend.status.sellerCentral.regions.find((entry) => entry.region === marketplace.region)
            : connection;
        if (!regional) return { value: null, reason: 'not_covered' as const };
        if (regional.health === 'stale') return { value: null, reason: 'stale' as const };
        return null;
      };
      const value = (kind: ConnectionKind, number: number) =>
        missing(kind) ?? { value: number, reason: null };
      return {
        range,
        currency: 'USD',
        metrics: {
          adSpend: value('advertising', 1200),
          acos: value('advertising', 0.25),
          roas: value('advertising', 4),
          totalSales: value('sellerCentral', 9600),
          totalOrders: value('sellerCentral', 320),
          sessions: value('sellerCentral', 8000),
          buyBoxPercentage: value('sellerCentral', 0.97),
          listingConversionRate: value('sellerCentral', 0.04),
          tacos: missing('advertising') ?? value('sellerCentral', 0.125),
        },
        asins: [],
        ...(marketplace ? { marketplace } : {}),
      };
    },
  };
  async function applyCallback(request: CallbackRequest): Promise<CallbackResponse> {
    if (codesSeen.has(request.code)) doubleSpent.push(request.code);
    codesSeen.add(request.code);
    fault('callback', request);
    const entry = states.get(request.state);
    if (!entry || entry.kind !== request.kind || entry.expiresAt < now()) {
      throw problem('authorization_code_rejected', 400);
    }
    if (request.kind === 'sellerCentral') {
      if (!backend.status.advertising) throw problem('advertising_required', 409);
      const added = sellerCentralConnection({
        data: options.newData ?? 'populating',
        since: nowIso(),
        ...(entry.region ? { region: entry.region } : {}),
      });
      // As the server: another region's authorisation is stored beside the others, the same region's replaced.
      const current = backend.status.sellerCentral;
      const others = current
        ? (current.regions ?? [current]).filter((authorisation) => authorisation.region !== added.region)
        : [];
      const { region, health, sellingPartnerId, marketplaces, connectedAt, data } = added;
      const regions = [...others, { region, health, sellingPartnerId, marketplaces, connectedAt, data }];
      backend.status = {
        ...backend.status,
        sellerCentral: current && others.length > 0 ? { ...current, regions } : { ...added, regions },
      };
      states.delete(request.state);
      return { outcome: 'connected', status: structuredClone(backend.status) };
    }
    const current = backend.status.advertising;
    if (backend.accounts.length > 1) {
      states.set(request.state, { ...entry, accounts: backend.accounts });
      return { outcome: 'choose_account', accounts: [...backend.accounts] };
    }
    const account = backend.accounts[0] ?? acme;
    if (current && current.account.id !== account.id) throw problem('account_conflict', 409);
    backend.status = {
      ...backend.status,
      advertising: advertisingConnection({
        account,
        data: options.newData ?? 'populating',
        since: nowIso(),
      }),
    };
    states.delete(request.state);
    return { outcome: 'connected', status: structuredClone(backend.status) };
  }

  return backend;
}

/** Rejects with a plain {@link ConnectionsError} of `code` (for custom faults). */
export function connectionsError(code: ErrorCode): ConnectionsError {
  return new ConnectionsError(code);
}
