import { isSafeReturnPath } from '../contract/schemas';
import type { ConnectionsEnvironment } from '../environment/environment.types';
import type { ConnectionsSettings } from './connections.types';

/**
 * The defaults of {@link ConnectionsSettings}.
 *
 * @example
 * ```ts
 * defaultSettings.dataSlowAfterMs; // 900000
 * ```
 */
export const defaultSettings: ConnectionsSettings = {
  mode: 'redirect',
  dataSlowAfterMs: 15 * 60 * 1000,
  statusPollMs: 30_000,
  popupGraceMs: 3_000,
  popupPollMs: 500,
  resumeTimeoutMs: 10_000,
  handoffTimeoutMs: 1_500,
  preparedTtlMs: 4 * 60 * 1000,
  supportUrl: null,
  returnTo: null,
  onReturn: null,
};

/**
 * Fills the defaults in.
 *
 * @example
 * ```ts
 * resolveSettings({ mode: 'popup' }).dataSlowAfterMs; // 900000
 * ```
 */
export function resolveSettings(settings: Partial<ConnectionsSettings> = {}): ConnectionsSettings {
  const resolved: { -readonly [K in keyof ConnectionsSettings]: ConnectionsSettings[K] } = {
    ...defaultSettings,
  };
  for (const key of Object.keys(settings) as (keyof ConnectionsSettings)[]) {
    const value = settings[key];
    if (value !== undefined) Object.assign(resolved, { [key]: value });
  }
  return resolved;
}

/**
 * The same-origin path to come back to after the sign-in: the configured one, else the current page's.
 *
 * @example
 * ```ts
 * currentReturnPath(environment, null); // '/dashboard?tab=ads'
 * ```
 */
export function currentReturnPath(environment: ConnectionsEnvironment, configured: string | null): string {
  if (configured !== null && isSafeReturnPath(configured)) return configured;
  try {
    const url = new URL(environment.currentUrl());
    const path = `${url.pathname}${url.search}${url.hash}`;
    return isSafeReturnPath(path) ? path : '/';
  } catch {
    return '/';
  }
}
