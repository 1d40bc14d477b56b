import type { ErrorCode } from '../../contract/error-codes';

/**
 * The HTTP status each error code travels with in a problem response.
 *
 * @example
 * ```ts
 * problemStatusByCode.confirmation_required; // 428
 * ```
 */
export const problemStatusByCode: { readonly [C in ErrorCode]: number } = {
  account_limit_reached: 409,
  account_conflict: 409,
  no_advertising_access: 422,
  no_seller_central_access: 422,
  advertising_required: 409,
  oauth_refused: 422,
  reconnect_loop: 422,
  connection_stale: 409,
  state_mismatch: 400,
  transaction_expired: 410,
  callback_malformed: 400,
  authorization_code_rejected: 422,
  exchange_interrupted: 409,
  popup_blocked: 400,
  confirmation_required: 428,
  not_connected: 404,
  data_slow: 503,
  data_still_slow: 503,
  unauthorized: 401,
  invalid_request: 400,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  origin_not_allowed: 403,
  rate_limited: 429,
  amazon_unavailable: 502,
  network_error: 502,
  server_error: 500,
  unexpected_response: 502,
};
