import * as z from 'zod/mini';
import { text } from '../contract/schema-parts';
import type { ConnectionKind } from '../contract/types';

const param = /* @__PURE__ */ text(1, 2048);

const advertisingSchema = /* @__PURE__ */ z.object({ code: param, state: param });
const sellerCentralSchema = /* @__PURE__ */ z.object({
  spapi_oauth_code: param,
  selling_partner_id: param,
  state: param,
});
const refusalSchema = /* @__PURE__ */ z.object({
  error: /* @__PURE__ */ text(1, 128),
  error_description: /* @__PURE__ */ z.optional(/* @__PURE__ */ text(0, 1024)),
  state: /* @__PURE__ */ z.optional(param),
});

/**
 * The query parameters an Amazon callback may carry; they are removed from the address bar once read.
 *
 * @example
 * ```ts
 * callbackParams.includes('spapi_oauth_code'); // true
 * ```
 */
export const callbackParams = [
  'code',
  'scope',
  'state',
  'spapi_oauth_code',
  'selling_partner_id',
  'mws_auth_token',
  'error',
  'error_description',
  'error_uri',
] as const;

/**
 * What the page's URL says Amazon answered.
 *
 * @example
 * ```ts
 * const parsed: ParsedCallback | null = parseCallbackUrl(location.href);
 * if (parsed?.type === 'refused') console.log(parsed.error);
 * ```
 */
export type ParsedCallback =
  | { readonly type: 'code'; readonly kind: 'advertising'; readonly code: string; readonly state: string }
  | {
      readonly type: 'code';
      readonly kind: 'sellerCentral';
      readonly code: string;
      readonly state: string;
      readonly sellingPartnerId: string;
    }
  | {
      readonly type: 'refused';
      readonly error: string;
      readonly description: string | null;
      readonly state: string | null;
    }
  | { readonly type: 'malformed'; readonly kind: ConnectionKind; readonly state: string | null };

/**
 * Reads Amazon's answer from a callback URL: Advertising `code` + `state`; Seller Central `spapi_oauth_code` +
 * `selling_partner_id` + `state`; a refusal `error` (+ `error_description`). `null` when the URL is not a callback.
 *
 * @example
 * ```ts
 * parseCallbackUrl('https://app.example/?code=abc&state=xyz');
 * // { type: 'code', kind: 'advertising', code: 'abc', state: 'xyz' }
 * parseCallbackUrl('https://app.example/dashboard'); // null
 * ```
 */
export function parseCallbackUrl(url: string): ParsedCallback | null {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  const raw = Object.fromEntries(params);
  const state = typeof raw.state === 'string' && raw.state.length > 0 ? raw.state : null;
  if ('error' in raw) {
    const refusal = refusalSchema.safeParse(raw);
    if (!refusal.success) return { type: 'malformed', kind: 'advertising', state };
    return {
      type: 'refused',
      error: refusal.data.error,
      description: refusal.data.error_description ?? null,
      state: refusal.data.state ?? null,
    };
  }
  if ('spapi_oauth_code' in raw || 'selling_partner_id' in raw) {
    const parsed = sellerCentralSchema.safeParse(raw);
    if (!parsed.success) return { type: 'malformed', kind: 'sellerCentral', state };
    return {
      type: 'code',
      kind: 'sellerCentral',
      code: parsed.data.spapi_oauth_code,
      state: parsed.data.state,
      sellingPartnerId: parsed.data.selling_partner_id,
    };
  }
  if ('code' in raw) {
    const parsed = advertisingSchema.safeParse(raw);
    if (!parsed.success) return { type: 'malformed', kind: 'advertising', state };
    return { type: 'code', kind: 'advertising', code: parsed.data.code, state: parsed.data.state };
  }
  return null;
}

/**
 * The same URL without the callback's parameters (`code`, `state`, …), for `history.replaceState`, so a code
 * never stays in the address bar, the history or a bookmark.
 *
 * @example
 * ```ts
 * stripCallbackParams('https://app.example/dash?tab=ads&code=abc&state=xyz'); // 'https://app.example/dash?tab=ads'
 * ```
 */
export function stripCallbackParams(url: string): string {
  const parsed = new URL(url);
  for (const name of callbackParams) parsed.searchParams.delete(name);
  return parsed.href;
}
