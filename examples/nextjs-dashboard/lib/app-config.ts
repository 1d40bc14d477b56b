import type { ReportTimings } from '@smart-ads/core/server';
import type { AppConfig } from '@smart-ads/example-react-dashboard/src/app-config';

/** Reads a JSON object of numbers and strings from an environment variable, or `null` when unset. */
function jsonFromEnv(name: string): Record<string, unknown> | null {
  const text = process.env[name];
  if (!text) return null;
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${name} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * The dashboard's timings and support link from `SMART_ADS_APP_CONFIG` (JSON, what the Vite example serves at
 * `/app-config.json`), or `null` for the demo's defaults. The end-to-end suite sets small timings this way.
 */
export function appConfig(): AppConfig | null {
  const value = jsonFromEnv('SMART_ADS_APP_CONFIG');
  return value ? (value as unknown as AppConfig) : null;
}

/** The server half's report timings from `SMART_ADS_REPORT_TIMINGS` (JSON), or `undefined` for its defaults. */
export function reportTimings(): ReportTimings | undefined {
  const value = jsonFromEnv('SMART_ADS_REPORT_TIMINGS');
  return value ? (value as unknown as ReportTimings) : undefined;
}
