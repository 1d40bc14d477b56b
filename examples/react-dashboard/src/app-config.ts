/**
 * What the example server tells the app at `GET /app-config.json`: the engine's timing settings (small in the
 * end-to-end tests, realistic in the demo) and the support link. Nothing secret ever goes here.
 */
export interface AppConfig {
  /** How long data may populate before the "disconnect and reconnect once more" advice, in ms. */
  readonly dataSlowAfterMs: number;
  /** How often the engine reloads the connection status while data is populating, in ms. */
  readonly statusPollMs: number;
  /** How often the dashboard reloads its metrics, in ms. */
  readonly metricsPollMs: number;
  /** The "contact support" link shown when data still has not arrived after a reconnect. */
  readonly supportUrl: string;
}

/** The demo's settings: slow-data advice after a minute, figures reloaded every few seconds. */
export const defaultAppConfig: AppConfig = {
  dataSlowAfterMs: 60_000,
  statusPollMs: 3_000,
  metricsPollMs: 5_000,
  supportUrl: '/support',
};

/** The path the example server answers the config on. */
export const appConfigPath = '/app-config.json';
