import { fromCallback, fromPromise } from 'xstate';
import type { ErrorCode } from '../contract/error-codes';
import type { AmazonRegion, CallbackResponse, ConnectionKind, ConnectionsStatus } from '../contract/types';
import { CallbackError } from '../errors/callback-error';
import { toConnectionsError } from '../errors/to-connections-error';
import { handOffCallback, readBusMessage } from '../oauth/bus.messages';
import { type ParsedCallback, stripCallbackParams } from '../oauth/callback.parse';
import { resolveCallback } from '../oauth/callback.resolve';
import { constantTimeEqual } from '../oauth/constant-time';
import type { PendingTransaction } from '../oauth/transaction.types';
import type {
  CallbackOutcome,
  ConnectionsDeps,
  ConnectionsEvent,
  IncomingCallback,
  PreparedSignIn,
} from './connections.types';

/** Failures of a sign-in that count towards `reconnect_loop` (a second one in a row). */
const signInFailures: ReadonlySet<ErrorCode> = /* @__PURE__ */ new Set<ErrorCode>([
  'oauth_refused',
  'no_advertising_access',
  'no_seller_central_access',
  'authorization_code_rejected',
  'state_mismatch',
  'transaction_expired',
  'callback_malformed',
]);

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

function sleep(deps: ConnectionsDeps, ms: number): Promise<void> {
  return new Promise((resolve) => {
    deps.environment.setTimer(resolve, ms);
  });
}

/** `GET /status`. */
export const loadStatus = /* @__PURE__ */ fromPromise<ConnectionsStatus, { deps: ConnectionsDeps }>(
  async ({ input, signal }) => input.deps.transport.getStatus({ signal }),
);

/** `POST /authorize` for one kind (and Seller Central region, else the server's default): the URL and `state`. */
export const prepareSignIn = /* @__PURE__ */ fromPromise<
  PreparedSignIn,
  { deps: ConnectionsDeps; kind: ConnectionKind; returnTo: string; region: AmazonRegion | null }
>(async ({ input, signal }) => {
  const { deps, kind, returnTo, region } = input;
  const answer = await deps.transport.authorize(region ? { kind, returnTo, region } : { kind, returnTo }, {
    signal,
  });
  return {
    authorizeUrl: answer.authorizeUrl,
    state: answer.state,
    expiresAt: Date.parse(answer.expiresAt),
    preparedAt: deps.environment.now(),
    returnTo,
    region,
  };
});

function failure(
  deps: ConnectionsDeps,
  kind: ConnectionKind,
  code: ErrorCode,
  cause?: unknown,
): CallbackError {
  const original = new CallbackError(code, kind, cause === undefined ? {} : { cause });
  if (!signInFailures.has(code)) return original;
  const failures = deps.store.recordFailure(kind);
  // A refusal on Amazon's permission page is not a login problem: its own advice (grant the permissions) fits
  // however often it happens; the sign-in loop's advice (check the credentials) is for the other failures.
  if (code === 'oauth_refused') return original;
  return failures >= 2 ? new CallbackError('reconnect_loop', kind, { cause: original }) : original;
}

async function resume(deps: ConnectionsDeps, state: string): Promise<CallbackOutcome> {
  const { store, environment, transport, settings } = deps;
  const deadline = environment.now() + settings.resumeTimeoutMs;
  let record = store.spent(state);
  while (record?.outcome === 'pending' && environment.now() < deadline) {
    await sleep(deps, 50);
    record = store.spent(state);
  }
  const transaction = store.findByState(state);
  if (record?.outcome === 'choose_account' && record.accounts) {
    return { type: 'choose_account', accounts: record.accounts, state, transaction };
  }
  const status = await transport.getStatus();
  return { type: 'connected', status, transaction };
}

function answerMayBeLost(code: ErrorCode): boolean {
  return code === 'network_error' || code === 'server_error' || code === 'unexpected_response';
}

/** The status, when it shows a `kind` connection made since this sign-in started; `null` otherwise or on failure. */
async function connectedSince(
  deps: ConnectionsDeps,
  kind: ConnectionKind,
  transaction: PendingTransaction | null,
): Promise<ConnectionsStatus | null> {
  if (!transaction) return null;
  try {
    const status = await deps.transport.getStatus();
    const connection = status[kind];
    return connection && Date.parse(connection.connectedAt) >= transaction.startedAt ? status : null;
  } catch {
    return null;
  }
}

function ownTransaction(deps: ConnectionsDeps, parsed: ParsedCallback): PendingTransaction | null {
  return parsed.state === null ? null : deps.store.findByState(parsed.state);
}

/**
 * Completes a callback: cleans the address bar, hands a popup's callback to its opener, validates `state` and
 * expiry, marks the `state` spent BEFORE sending the code (so StrictMode, a reload or Back never spend it twice:
 * a spent `state` resumes by reloading status), then calls `POST /callback`. Counts failed sign-ins: a second in a
 * row becomes `reconnect_loop`.
 */
export const completeCallback = /* @__PURE__ */ fromPromise<
  CallbackOutcome,
  { deps: ConnectionsDeps; callback: IncomingCallback }
>(async ({ input }) => {
  const { deps, callback } = input;
  const { environment, store, transport, settings } = deps;
  if (!callback.fromPopup) {
    environment.replaceUrl(stripCallbackParams(environment.currentUrl()));
    const own = ownTransaction(deps, callback.parsed);
    if (environment.bus && (own === null || own.mode === 'popup')) {
      const origin = originOf(environment.currentUrl());
      const taken = await handOffCallback(
        environment.bus,
        origin,
        callback.parsed,
        settings.handoffTimeoutMs,
        environment.setTimer,
      );
      if (taken) {
        environment.closeWindow();
        return { type: 'handed_off' };
      }
    }
  }
  const plan = resolveCallback(callback.parsed, store, environment.now());
  if (plan.type === 'fail') {
    if (plan.transaction) store.clear(plan.kind);
    throw failure(deps, plan.kind, plan.code);
  }
  if (plan.type === 'resume') return resume(deps, plan.state);
  const { request, transaction } = plan;
  if (!store.spend(request.state)) return resume(deps, request.state);
  let response: CallbackResponse;
  try {
    // Not abortable on purpose: a code in flight must reach the backend even if this actor is stopped.
    response = await transport.callback(request);
  } catch (error) {
    const code = toConnectionsError(error).code;
    // The answer may be lost after the server connected the account (a timeout, a dropped connection, a proxy's
    // 5xx). The code is never sent again; the status tells whether this sign-in went through.
    const landed = answerMayBeLost(code) ? await connectedSince(deps, plan.kind, transaction) : null;
    if (landed) {
      store.settle(request.state, 'connected');
      return { type: 'connected', status: landed, transaction };
    }
    store.settle(request.state, 'failed');
    store.clear(plan.kind);
    throw failure(deps, plan.kind, code === 'invalid_request' ? 'authorization_code_rejected' : code, error);
  }
  if (response.outcome === 'choose_account') {
    store.settle(request.state, 'choose_account', response.accounts);
    return { type: 'choose_account', accounts: response.accounts, state: request.state, transaction };
  }
  store.settle(request.state, 'connected');
  return { type: 'connected', status: response.status, transaction };
});

/** `POST /advertising/account`: the account picked after a sign-in that sees several. */
export const selectAccount = /* @__PURE__ */ fromPromise<
  ConnectionsStatus,
  { deps: ConnectionsDeps; state: string; accountId: string }
>(({ input }) => input.deps.transport.selectAccount({ state: input.state, accountId: input.accountId }));

/**
 * `POST /disconnect`. Advertising is only ever sent with `confirmed: true`, and this actor only runs after the
 * user confirmed (rule 4); Seller Central is immediate (rule 3), one region or (without `region`) all of them.
 */
export const disconnect = /* @__PURE__ */ fromPromise<
  ConnectionsStatus,
  { deps: ConnectionsDeps; kind: ConnectionKind; region?: AmazonRegion | null }
>(({ input }) =>
  input.deps.transport.disconnect(
    input.kind === 'advertising'
      ? { kind: 'advertising', confirmed: true }
      : input.region
        ? { kind: 'sellerCentral', region: input.region }
        : { kind: 'sellerCentral' },
  ),
);

/**
 * Opens the sign-in popup (synchronously, while the click's user gesture lasts) and waits for the callback from
 * it over the bus. A blocked popup reports `POPUP_BLOCKED` (the machine falls back to the redirect); a popup that
 * looks closed is only advisory: `POPUP_CLOSED` comes after a grace period without an answer.
 */
export const popupWatcher = /* @__PURE__ */ fromCallback<
  ConnectionsEvent,
  { deps: ConnectionsDeps; kind: ConnectionKind; url: string; state: string }
>(({ input, sendBack }) => {
  const { deps, kind, url, state } = input;
  const { environment, settings } = deps;
  const popup = environment.openPopup(url);
  if (!popup) {
    sendBack({ type: 'POPUP_BLOCKED', kind });
    return () => {};
  }
  const origin = originOf(environment.currentUrl());
  let answered = false;
  const unsubscribe =
    environment.bus?.subscribe((data, from) => {
      const message = readBusMessage(data, from, origin);
      if (message?.type !== 'smart-ads:callback' || message.callback.state === null) return;
      if (!constantTimeEqual(message.callback.state, state)) return;
      answered = true;
      environment.bus?.post({ type: 'smart-ads:callback-ack', origin, state: message.callback.state });
      sendBack({ type: 'POPUP_CALLBACK', kind, callback: message.callback });
    }) ?? (() => {});
  let cancelGrace: (() => void) | null = null;
  let cancelPoll = () => {};
  const poll = () => {
    if (popup.closed && !answered) {
      cancelGrace = environment.setTimer(() => {
        if (!answered) sendBack({ type: 'POPUP_CLOSED', kind });
      }, settings.popupGraceMs);
      return;
    }
    cancelPoll = environment.setTimer(poll, settings.popupPollMs);
  };
  cancelPoll = environment.setTimer(poll, settings.popupPollMs);
  return () => {
    unsubscribe();
    cancelPoll();
    cancelGrace?.();
  };
});

/** Listens for other windows' "status changed" and asks for a reload (a second tab's result reaches this one). */
export const busListener = /* @__PURE__ */ fromCallback<ConnectionsEvent, { deps: ConnectionsDeps }>(
  ({ input, sendBack }) => {
    const { environment } = input.deps;
    if (!environment.bus) return () => {};
    const origin = originOf(environment.currentUrl());
    return environment.bus.subscribe((data, from) => {
      if (readBusMessage(data, from, origin)?.type === 'smart-ads:status-changed')
        sendBack({ type: 'REFRESH' });
    });
  },
);
