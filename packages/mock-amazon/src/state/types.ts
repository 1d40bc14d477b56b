import type { AmazonRegion } from '../base-urls.js';
import type { Random } from '../random.js';
import type { ReportFile } from '../reports/documents.js';
import type { AmazonUser } from '../world/types.js';

/** Which consent a flow or grant belongs to. */
export type GrantKind = 'advertising' | 'sellingPartner';

/** A user's current sign-in secret and how often it changed (a change makes old grants stale). */
export interface UserRecord {
  user: AmazonUser;
  password: string;
  passwordVersion: number;
}

/** A sign-in + consent in progress (what Amazon keeps in its session cookie). */
export interface AuthTransaction {
  id: string;
  kind: GrantKind;
  region: AmazonRegion;
  clientId: string;
  redirectUri: string;
  state: string | null;
  scope: string;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  email: string | null;
  createdAt: number;
}

/** An authorization the user granted to the app (what "revoke access" removes). */
export interface Grant {
  id: string;
  kind: GrantKind;
  email: string;
  clientId: string;
  scope: string;
  region: AmazonRegion;
  sellingPartnerId: string | null;
  createdAt: number;
  passwordVersion: number;
  revoked: boolean;
}

/** An authorization code, single-use, valid 5 minutes. */
export interface AuthCode {
  code: string;
  grantId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  expiresAt: number;
  used: boolean;
}

/** An issued access token. */
export interface AccessToken {
  grantId: string;
  clientId: string;
  expiresAt: number;
}

/** How reports of one API behave (scenarios change it). */
export interface ReportBehaviour {
  /** Status polls before the report is done (the last one answers done). */
  polls: number;
  /** Mock-clock time the report takes after creation. */
  processingMs: number;
  /** Completed reports contain no rows. */
  empty: boolean;
  /** Reports end FAILED (Ads) / FATAL (SP-API). */
  fail: boolean;
  /** Reports come back empty until this long after the user authorized the app. */
  dataLatencyMs: number;
}

/** An injected fault: throttling or a server error on matching endpoints. */
export interface Fault {
  kind: 'throttle' | 'serverError';
  target: string;
  remaining: number;
  status: number;
  retryAfterSeconds: number;
}

/** An Ads API reporting v3 report. */
export interface AdsReport {
  reportId: string;
  profileId: number;
  region: AmazonRegion;
  grantId: string;
  name: string | null;
  startDate: string;
  endDate: string;
  configuration: AdsReportConfiguration;
  key: string;
  createdAt: number;
  polls: number;
  behaviour: ReportBehaviour;
  empty: boolean;
  status: 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED';
  completedAt: number | null;
}

/** The `configuration` of an Ads report request. */
export interface AdsReportConfiguration {
  adProduct: string;
  reportTypeId: string;
  groupBy: string[];
  columns: string[];
  timeUnit: 'DAILY' | 'SUMMARY';
  format: string;
  filters?: { field: string; values: string[] }[];
}

/** An SP-API Reports 2021-06-30 report. */
export interface SpReport {
  reportId: string;
  reportType: string;
  region: AmazonRegion;
  sellingPartnerId: string;
  grantId: string;
  marketplaceIds: string[];
  dataStartTime: string;
  dataEndTime: string;
  dateGranularity: 'DAY' | 'WEEK' | 'MONTH';
  asinGranularity: 'PARENT' | 'CHILD' | 'SKU';
  createdAt: number;
  polls: number;
  behaviour: ReportBehaviour;
  empty: boolean;
  processingStatus: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';
  processingStartTime: number | null;
  processingEndTime: number | null;
  reportDocumentId: string | null;
}

/** A change a client made to a seeded keyword or product target (campaign management v3). */
export interface TargetingEdit {
  bid?: number;
  state?: 'ENABLED' | 'PAUSED';
  updatedAt: number;
}

/** One request the mock answered. */
export interface LogEntry {
  method: string;
  url: string;
  status: number;
  endpoint: string;
  region: AmazonRegion;
  at: number;
  requestId: string;
}

/** A token bucket for SP-API rate limits. */
export interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Opt-in behaviour set by scenarios. */
export interface ScenarioSettings {
  faults: Fault[];
  rateLimits: boolean;
  reports: { ads: ReportBehaviour; spapi: ReportBehaviour };
  salesDataLatencyMs: number;
  autoSignIn: { email: string; consent: boolean } | null;
}

/** Everything the mock remembers between requests; rebuilt by `reset()`. */
export interface MockState {
  random: Random;
  users: Map<string, UserRecord>;
  transactions: Map<string, AuthTransaction>;
  grants: Map<string, Grant>;
  codes: Map<string, AuthCode>;
  refreshTokens: Map<string, { grantId: string; clientId: string }>;
  accessTokens: Map<string, AccessToken>;
  adsReports: Map<string, AdsReport>;
  spReports: Map<string, SpReport>;
  /** Bids and states changed through `PUT /sp/keywords` and `PUT /sp/targets`, keyed `keyword:{id}` / `target:{id}`. */
  targetingEdits: Map<string, TargetingEdit>;
  /** Report files on the mock's "S3", keyed `${kind}/${id}`. */
  files: Map<string, ReportFile>;
  buckets: Map<string, Bucket>;
  /** The most recent answered requests (at most `LOG_LIMIT`). */
  log: LogEntry[];
  /** Every answered request counted by `endpoint|region|status`, never trimmed. */
  counts: Map<string, number>;
  scenarios: ScenarioSettings;
  counter: number;
}
