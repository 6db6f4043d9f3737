import type { FieldMessage } from '../domain/adjustments.js';
import type { Micros } from '../domain/time.js';
import type { AccountCallbacks } from './state.js';
import { API_VERSIONS, MESSAGE_TYPES, type ApiVersion, type MessageType, type Registration } from './types.js';

const knownTypes = new Set<string>(MESSAGE_TYPES);

/** Known types by their spelling with case, `_` and `-` ignored. */
const typesByLooseSpelling = new Map<string, MessageType>(
  MESSAGE_TYPES.map((type) => [looseSpelling(type), type]),
);

function looseSpelling(text: string): string {
  return text.toLowerCase().replace(/[_\-\s]/g, '');
}

export function isMessageType(value: unknown): value is MessageType {
  return typeof value === 'string' && knownTypes.has(value);
}

/**
 * Checks a `message_type` value. A near miss such as `SnapshotReady` or
 * `snapshot_ready` names the right spelling, so a client never registers a
 * type that then never fires.
 */
export function checkMessageType(value: unknown): MessageType | string {
  if (value === undefined) return 'message_type is required';
  if (typeof value !== 'string') return `message_type must be a string, got ${JSON.stringify(value)}`;
  if (isMessageType(value)) return value;
  const near = typesByLooseSpelling.get(looseSpelling(value));
  if (near !== undefined) return `unknown message type '${value}'; use '${near}'`;
  return `unknown message type '${value}'; use one of ${MESSAGE_TYPES.join(', ')}`;
}

/** True for a host name that always means this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  // WHATWG URL parsing has already normalised forms such as 127.1 or 2130706433.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Checks a callback URL: `http` or `https`, on a loopback host or on one of
 * `allowedHosts`. Returns the URL as given, or the problem.
 */
export function checkCallbackUrl(value: unknown, allowedHosts: readonly string[]): { url: string } | { problem: string } {
  if (value === undefined) return { problem: 'url is required' };
  if (typeof value !== 'string' || value === '') return { problem: 'url must be a non-empty string' };
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return { problem: `url '${value}' is not an absolute URL` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { problem: `url '${value}' must use http or https, not ${parsed.protocol.slice(0, -1)}` };
  }
  const host = parsed.hostname.toLowerCase();
  const allowed = allowedHosts.some((name) => name.toLowerCase() === host);
  if (!isLoopbackHost(host) && !allowed) {
    return {
      problem:
        `url host '${parsed.hostname}' is not allowed; callbacks go only to loopback hosts ` +
        '(127.0.0.0/8, ::1, localhost) or to hosts the mock was started with --callback-allow',
    };
  }
  return { url: value };
}

const REGISTRATION_FIELDS = new Set(['url', 'message_type', 'api_version', 'token']);

/** A registration record that passed its checks. */
export interface RegistrationDraft {
  url: string;
  message_type: MessageType;
  api_version: ApiVersion;
  token?: string;
}

/** Checks one POST `callbacks` record; every problem is listed by field. */
export function planRegistration(
  record: Record<string, unknown>,
  allowedHosts: readonly string[],
): { ok: true; draft: RegistrationDraft } | { ok: false; messages: FieldMessage[] } {
  const messages: FieldMessage[] = [];
  const problem = (field: string, error: string) => messages.push({ field_name: field, errors: [error] });

  for (const key of Object.keys(record)) {
    if (!REGISTRATION_FIELDS.has(key)) {
      problem(key, `unknown field '${key}'; a registration has url, message_type, api_version and token`);
    }
  }

  const type = checkMessageType(record.message_type);
  if (!isMessageType(type)) problem('message_type', type);

  const url = checkCallbackUrl(record.url, allowedHosts);
  if ('problem' in url) problem('url', url.problem);

  const version = record.api_version ?? '1.0';
  const knownVersion = (API_VERSIONS as readonly unknown[]).includes(version);
  if (!knownVersion) {
    problem('api_version', `api_version must be the string "1.0" or "2.0", got ${JSON.stringify(version)}`);
  }

  const token = record.token;
  if (token !== undefined && (typeof token !== 'string' || !/^[\x21-\x7e]{1,4096}$/.test(token))) {
    // It goes into an Authorization header, which takes visible ASCII only.
    problem('token', 'token must be 1 to 4096 visible ASCII characters (no spaces or control characters)');
  }

  if (messages.length > 0 || !isMessageType(type) || 'problem' in url) return { ok: false, messages };
  return {
    ok: true,
    draft: {
      url: url.url,
      message_type: type,
      api_version: version as ApiVersion,
      ...(typeof token === 'string' ? { token } : {}),
    },
  };
}

/** Checks one `callback_holds` record: exactly `{message_type}`. */
export function planHold(
  record: Record<string, unknown>,
): { ok: true; type: MessageType } | { ok: false; messages: FieldMessage[] } {
  for (const key of Object.keys(record)) {
    if (key !== 'message_type') {
      return { ok: false, messages: [{ field_name: key, errors: [`unknown field '${key}'; a hold has only message_type`] }] };
    }
  }
  const type = checkMessageType(record.message_type);
  if (!isMessageType(type)) return { ok: false, messages: [{ field_name: 'message_type', errors: [type] }] };
  return { ok: true, type };
}

/** Stores a registration; one for a type already registered keeps that one's id and created_at. */
export function storeRegistration(
  state: AccountCallbacks,
  draft: RegistrationDraft,
  now: Micros,
  newId: () => string,
): { registration: Registration; replaced: boolean } {
  const previous = state.registrations.get(draft.message_type);
  const registration: Registration = {
    ...draft,
    id: previous?.id ?? newId(),
    created_at: previous?.created_at ?? now,
    updated_at: now,
  };
  state.registrations.set(draft.message_type, registration);
  return { registration, replaced: previous !== undefined };
}

/** Deletes the registration with this id and returns it. */
export function removeRegistration(state: AccountCallbacks, id: string): Registration | undefined {
  for (const [type, registration] of state.registrations) {
    if (registration.id !== id) continue;
    state.registrations.delete(type);
    return registration;
  }
  return undefined;
}
