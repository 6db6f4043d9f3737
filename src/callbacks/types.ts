import type { Micros } from '../domain/time.js';

/** Message types the mock fires. */
export const FIRED_TYPES = ['skuInventoryChange', 'snapshotReady'] as const;

/** Message types of the vendor's API that are stored but never fired. */
export const STORED_ONLY_TYPES = [
  'orderEvent',
  'orderUpdateResolution',
  'orderCancelResolution',
  'inboundShipmentEvent',
  'rmaEvent',
] as const;

export const MESSAGE_TYPES = [...FIRED_TYPES, ...STORED_ONLY_TYPES] as const;

export type MessageType = (typeof MESSAGE_TYPES)[number];
export type FiredType = (typeof FIRED_TYPES)[number];

export const API_VERSIONS = ['1.0', '2.0'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** One callback registration: the URL that one message type goes to. */
export interface Registration {
  id: string;
  url: string;
  message_type: MessageType;
  api_version: ApiVersion;
  token?: string;
  created_at: Micros;
  updated_at: Micros;
}

/** A message type whose new messages wait until it is released. */
export interface Hold {
  message_type: MessageType;
  created_at: Micros;
}

/**
 * Delivery settings of one account. The engine reads them on every attempt,
 * so a change applies to the next attempt of every message.
 */
export interface DeliverySettings {
  /** Attempts per round, the first one included; 6 by default. */
  maxAttempts: number;
  /** Backoff base: the delay before attempt n+1 is up to base * 2^(n-1); 1000 ms. */
  baseDelayMs: number;
  /** Cap on one backoff delay; 60000 ms. */
  maxDelayMs: number;
  /** Real-time limit on one attempt, until the receiver's status line; 30000 ms. */
  timeoutMs: number;
  /** Requests of this account in flight at once; 16. */
  concurrency: number;
  /** SKU records per skuInventoryChange message, 1 to 30; 30. */
  maxSkusPerMessage: number;
  /** Chance, 0 to 1, of sending a delivered message once more; 0. */
  duplicateProbability: number;
  /**
   * When above 0, new messages wait this long and then go out one after
   * another in reverse order, ignoring per-SKU order; 0 (off).
   */
  reorderWindowMs: number;
  /** Extra delay before every attempt, on the mock's clock; 0. */
  extraDelayMs: number;
}

export const DEFAULT_SETTINGS: Readonly<DeliverySettings> = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  timeoutMs: 30_000,
  concurrency: 16,
  maxSkusPerMessage: 30,
  duplicateProbability: 0,
  reorderWindowMs: 0,
  extraDelayMs: 0,
});

export type MessageState = 'pending' | 'delivered' | 'dead' | 'held';

export const MESSAGE_STATES: readonly MessageState[] = ['pending', 'delivered', 'dead', 'held'];

/** One HTTP attempt of a message, as the delivery log stores it. */
export interface DeliveryAttempt {
  /** Mock time when the request was sent. */
  at: Micros;
  /** HTTP status of the response; absent when there was none. */
  status?: number;
  /** `timeout` or `connection_error: <cause>` when no status came back. */
  error?: string;
  /** Real time from sending to the status line, in milliseconds. */
  latency_ms: number;
  /** Set on an extra copy sent by the duplicate chaos setting. */
  duplicate?: boolean;
}

/** One outgoing callback message and its delivery history. */
export interface DeliveryMessage {
  readonly id: string;
  readonly account: string;
  readonly type: FiredType;
  state: MessageState;
  /** Target of the next attempt; a redelivery moves it to the type's current registration. */
  url: string;
  token?: string;
  /** The exact body bytes every attempt sends. */
  body: Buffer;
  /** SKUs whose per-SKU order this message takes part in. */
  readonly skuIds: readonly string[];
  readonly customerIdentifiers: readonly string[];
  readonly createdAt: Micros;
  /** Time of the earliest change this message reports. */
  readonly changedAt: Micros;
  readonly attempts: DeliveryAttempt[];
  /** Index in `attempts` where the current round began; a redelivery starts a new round. */
  roundStart: number;
  nextAttemptAt?: Micros;
  deliveredAt?: Micros;
  deadAt?: Micros;
  redeliveries: number;
}

/** Filter of the delivery log. */
export interface LogFilter {
  state?: MessageState;
  messageType?: string;
}

/** One account's delivery log as `log()` returns it. */
export interface DeliveryLogView {
  account: string;
  /** Messages ever created, evicted ones included. */
  created: number;
  skipped_no_registration: number;
  evicted: number;
  messages: Record<string, unknown>[];
}

/** Counts of one account's messages. */
export interface DeliveryStats {
  /** Messages ever created. */
  created: number;
  /** Messages pending: waiting for their turn, an attempt or a retry. */
  active: number;
  /** Messages of held types other than skuInventoryChange. */
  held: number;
  /** SKUs whose changes wait behind a skuInventoryChange hold. */
  heldSkus: number;
  skippedNoRegistration: number;
  evicted: number;
}
