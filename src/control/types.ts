import type { DeliverySettings } from '../callbacks/types.js';
import type { ErrorDetail } from '../server/errors.js';
import type { SnapshotSettings } from '../snapshots/types.js';

/** How long an injected delay lasts, in milliseconds of the account's clock. */
export type LatencyDistribution =
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; min_ms: number; max_ms: number }
  /** Clamped to 0..max_ms, so a long tail never stalls a test run. */
  | { kind: 'normal'; mean_ms: number; stddev_ms: number; max_ms: number };

/** Action of a fault rule on a request it hits: a closed set, tagged by `type`. */
export type FaultAction =
  | { type: 'latency'; distribution: LatencyDistribution }
  | {
      type: 'error';
      /** HTTP status, 400 to 599. */
      status: number;
      /** UPPER_SNAKE error code; chosen from the status when left out. */
      code?: string;
      /** Share of hit requests that get the error, 0 to 1; 1 when left out. */
      probability?: number;
      /** Sent as `Retry-After`, in seconds. */
      retry_after_s?: number;
    }
  | { type: 'rate_limit'; limit: number; window_ms: number }
  | { type: 'drop' }
  | { type: 'hang' };

export type FaultType = FaultAction['type'];

/** A fault rule as a client sends it. Every matcher left out matches all requests. */
export interface FaultRuleInput {
  /** Unique name; assigned (`fault-1`, `fault-2`, ...) when left out. */
  id?: string;
  method?: string;
  /** Path pattern below `/{account}/api/v1`, such as `/inventory` or `/snapshot_request/*`. */
  route?: string;
  account?: string;
  /** The rule applies at most this many times in total. */
  times?: number;
  /** Share of matching requests the rule applies to, 0 to 1. */
  probability?: number;
  action: FaultAction;
}

/** A stored fault rule, with how often it has applied. */
export interface FaultRule extends FaultRuleInput {
  id: string;
  applied: number;
}

/** One fault that changed a request, as the journal records it. */
export interface AppliedFault {
  id: string;
  type: FaultType;
  /** Injected delay, for latency rules. */
  latency_ms?: number;
}

/** One request in the journal. */
export interface JournalEntry {
  /** Increases by one per recorded request, across accounts. */
  seq: number;
  /** Start of the request on the account's clock (the mock's clock when unscoped). */
  at: string;
  method: string;
  path: string;
  /** Raw query string, without the `?`. */
  query: string;
  /** Left out for requests that name no existing account. */
  account?: string;
  /** Left out when a fault dropped the connection or the client gave up on a hang. */
  status?: number;
  /** Wall-clock time from arrival to response. */
  duration_ms: number;
  error_code?: string;
  details?: ErrorDetail[];
  faults?: AppliedFault[];
}

/** Filters of `GET /__admin/requests`. */
export interface RequestFilter {
  account?: string;
  method?: string;
  /** An exact status such as 429, or a class such as `4xx`. */
  status?: number | string;
  /** Substring of the path. */
  path?: string;
  /** Newest entries returned, 100 by default. */
  limit?: number;
}

/** Clock setting of the config file: the mode, and the time to start at. */
export interface ClockSetting {
  mode: 'manual' | 'real';
  at?: string;
}

/** Callback delivery settings, applied to `server.callbacks.settings(account)`. */
export type CallbackSettingsInput = Partial<DeliverySettings>;

/** Snapshot job settings; the snapshot engine reads them from the start options. */
export type SnapshotSettingsInput = Partial<SnapshotSettings>;

/** Options of `startMock` (and keys of the config file) that the control plane reads. */
export interface ControlOptions {
  /** A JSON or YAML config file; options given next to it win over its values. */
  config?: string;
  /** Fault rules in force at start and after every reset. */
  faults?: FaultRuleInput[];
  /** Latency on every API request: `'50-200'` (uniform ms), `'50'` or `50` (fixed ms). */
  latency?: string | number;
  /** Share of API requests that get a 500, from 0 to 1. */
  errorRate?: number;
  /** Requests per window and account, such as `'10/s'`, `'100/m'` or `'5/500ms'`. */
  rateLimit?: string;
  callbacks?: CallbackSettingsInput;
  snapshots?: SnapshotSettingsInput;
  clock?: ClockSetting;
  journal?: { limit?: number };
}
