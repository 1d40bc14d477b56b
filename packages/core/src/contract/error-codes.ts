/**
 * Every error code the engine can report, client and server side. Codes are stable: hosts may switch
 * on them, log them and translate them. Each code has a human message and says whether a retry can help
 * (see {@link errorCatalogue}).
 *
 * @example
 * ```ts
 * import { type ErrorCode } from '@smart-ads/core';
 * function isRuleViolation(code: ErrorCode) {
 *   return code === 'account_limit_reached' || code === 'account_conflict';
 * }
 * ```
 */
export type ErrorCode =
  // one-account rule (rule 2)
  | 'account_limit_reached'
  | 'account_conflict'
  // what Amazon's sign-in gave back (rule 7)
  | 'no_advertising_access'
  | 'no_seller_central_access'
  | 'advertising_required'
  | 'oauth_refused'
  | 'reconnect_loop'
  | 'connection_stale'
  // the OAuth transaction (rule 8)
  | 'state_mismatch'
  | 'transaction_expired'
  | 'callback_malformed'
  | 'authorization_code_rejected'
  | 'exchange_interrupted'
  | 'popup_blocked'
  // disconnects (rules 3, 4)
  | 'confirmation_required'
  | 'not_connected'
  // data (rule 5, 7)
  | 'data_slow'
  | 'data_still_slow'
  // plumbing
  | 'unauthorized'
  | 'invalid_request'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'origin_not_allowed'
  | 'rate_limited'
  | 'amazon_unavailable'
  | 'network_error'
  | 'server_error'
  | 'unexpected_response';

/** What the engine knows about one error code. */
export interface ErrorInfo {
  /** A sentence for the person in front of the dashboard, in the help article's wording. */
  readonly message: string;
  /**
   * Whether repeating the same request (possibly after a wait) can succeed. A failed sign-in is `false`: its code
   * and `state` cannot succeed again, the person starts a new sign-in (the view model's next step says so).
   */
  readonly retryable: boolean;
}

/**
 * The message and retry advice of every {@link ErrorCode}. Messages follow the help article.
 *
 * @example
 * ```ts
 * import { errorCatalogue } from '@smart-ads/core';
 * errorCatalogue.account_limit_reached.message;
 * // "Your subscription supports one Amazon Advertising account at a time. Disconnect the current account first, then connect the new one."
 * ```
 */
export const errorCatalogue: { readonly [C in ErrorCode]: ErrorInfo } = {
  account_limit_reached: {
    message:
      'Your subscription supports one Amazon Advertising account at a time. Disconnect the current account first, then connect the new one.',
    retryable: false,
  },
  account_conflict: {
    message:
      'You signed in with a different Amazon Advertising account than the one connected. Only one account is supported per subscription: disconnect the current account first, then connect the new one.',
    retryable: false,
  },
  no_advertising_access: {
    message:
      'This Amazon login has no Amazon Advertising access. Make sure you are logging in with the correct Amazon credentials: the account must have active Amazon Advertising access.',
    retryable: false,
  },
  no_seller_central_access: {
    message:
      'This Amazon login has no Seller Central access. Make sure you are logging in with the correct Amazon credentials: the account must have active Seller Central access.',
    retryable: false,
  },
  advertising_required: {
    message:
      'Seller Central is a layer of your Amazon Advertising account: connect Amazon Advertising first.',
    retryable: false,
  },
  oauth_refused: {
    message:
      'The permissions were not granted on Amazon, so nothing was connected. Try again and grant the requested permissions.',
    retryable: false,
  },
  reconnect_loop: {
    message:
      'The reconnection failed again. Make sure you are logging in with the correct Amazon credentials. If you recently changed your Amazon password, sign into Amazon directly first to confirm your new credentials work, then come back and try again.',
    retryable: true,
  },
  connection_stale: {
    message:
      'This Amazon connection stopped working, for example after a change of your Amazon password or access revoked on the Amazon side. Disconnect and reconnect to create a fresh authorisation.',
    retryable: true,
  },
  state_mismatch: {
    message:
      'The answer from Amazon did not match the connection you started, so it was ignored. Start the connection again.',
    retryable: false,
  },
  transaction_expired: {
    message: 'The connection took too long to complete and expired. Start the connection again.',
    retryable: false,
  },
  callback_malformed: {
    message:
      'The answer from Amazon was incomplete or malformed, so nothing was connected. Start the connection again.',
    retryable: false,
  },
  authorization_code_rejected: {
    message:
      'Amazon did not accept the authorization (it was used already or it expired). Start the connection again.',
    retryable: false,
  },
  exchange_interrupted: {
    message: 'The connection was interrupted, so nothing was connected. Start the connection again.',
    retryable: false,
  },
  popup_blocked: {
    message: 'The browser blocked the Amazon sign-in window, so the page will go to Amazon instead.',
    retryable: true,
  },
  confirmation_required: {
    message:
      'Disconnecting the Amazon Advertising account removes the account connection and stops all Ads Optimiser functionality for that account. Confirm to proceed.',
    retryable: false,
  },
  not_connected: {
    message: 'That Amazon account is not connected.',
    retryable: false,
  },
  data_slow: {
    message:
      'Data from Amazon is taking longer than usual. Give it a few more minutes; if the figures are still populating after that, try disconnecting and reconnecting once more.',
    retryable: true,
  },
  data_still_slow: {
    message:
      'Data from Amazon still has not arrived after reconnecting once more. Contact support through your dashboard.',
    retryable: false,
  },
  unauthorized: {
    message: 'Your session has no subscription to connect Amazon accounts to. Sign in again.',
    retryable: false,
  },
  invalid_request: {
    message: 'The request was not valid.',
    retryable: false,
  },
  not_found: {
    message: 'No such route.',
    retryable: false,
  },
  method_not_allowed: {
    message: 'Method not allowed.',
    retryable: false,
  },
  payload_too_large: {
    message: 'The request is too large.',
    retryable: false,
  },
  origin_not_allowed: {
    message: 'This page may not change your Amazon connections.',
    retryable: false,
  },
  rate_limited: {
    message: 'Amazon is limiting requests right now. Try again in a moment.',
    retryable: true,
  },
  amazon_unavailable: {
    message: 'Amazon did not answer properly. Try again in a moment.',
    retryable: true,
  },
  network_error: {
    message: 'The network connection failed. Nothing was changed; check your connection and try again.',
    retryable: true,
  },
  server_error: {
    message: 'Something went wrong on our side. Nothing was changed; try again in a moment.',
    retryable: true,
  },
  unexpected_response: {
    message:
      'The server sent an answer this version does not understand. Nothing was changed; try again or reload the page.',
    retryable: true,
  },
};

/** The list of all codes, for schemas and exhaustive tests. */
export const errorCodes = /* @__PURE__ */ Object.keys(errorCatalogue) as readonly ErrorCode[];
