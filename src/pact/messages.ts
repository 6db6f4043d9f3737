import { CaptureReceiver, type CapturedCallback } from './capture.js';
import { matchProviderState } from './state-catalog.js';
import { callAdmin, type ProviderTarget } from './target.js';

/** Callback types the mock sends, and so the message interactions it can verify. */
export const CALLBACK_TYPES = ['skuInventoryChange', 'snapshotReady'] as const;
export type CallbackType = (typeof CALLBACK_TYPES)[number];

/** Real-time limit on waiting for the mock to deliver a callback, in milliseconds. */
export const CAPTURE_TIMEOUT_MS = 10_000;

/** Descriptor that pact-js passes to a message provider: the interaction's description and provider states. */
export interface MessageRequest {
  description: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
}

/** A captured message with its metadata, in the form pact-js returns to the verifier. */
export interface MessageWithMetadata {
  __pactMessageMetadata: Record<string, string>;
  message: unknown;
}

/** Actor that the audit trail names for the adjustment that triggers a captured skuInventoryChange. */
const MESSAGE_ACTOR = 'pact-message-provider';

/**
 * Makes the mock send one real callback of `type` and returns its body. It
 * registers a loopback capture receiver for the type, triggers the event
 * through the API and waits for the delivery. The event is an adjustment of
 * +1 or a full snapshot with no processing delay. The registration and the
 * snapshot delay are restored afterwards.
 */
export async function captureCallback(
  target: ProviderTarget,
  type: CallbackType,
  request: MessageRequest,
): Promise<MessageWithMetadata> {
  if (!target.isMock) {
    throw new Error(`message '${request.description}' can be verified only against an inventory-mock, and ${target.url} is not one`);
  }
  const account = stateAccount(request) ?? target.account;
  if (account === undefined) throw new Error('no account to send the callback from; pass --account');
  const api = apiCaller(target, account);

  const receiver = await new CaptureReceiver().start();
  let registrationId: string | undefined;
  try {
    const registered = await api('POST', '/callbacks', [
      { url: `${receiver.url}/${type}`, message_type: type, api_version: '1.0' },
    ]);
    registrationId = succeeded(registered, `registering the ${type} callback`).id as string;

    const callback =
      type === 'skuInventoryChange'
        ? await triggerInventoryChange(api, receiver, request)
        : await triggerSnapshotReady(target, api, receiver, account);
    const contentType = headerText(callback, 'content-type') ?? 'application/json';
    return {
      __pactMessageMetadata: { contentType, 'X-Message-Type': headerText(callback, 'x-message-type') ?? type },
      message: JSON.parse(callback.text) as unknown,
    };
  } finally {
    if (registrationId !== undefined) await api('DELETE', '/callbacks', [registrationId]).catch(() => undefined);
    await receiver.close();
  }
}

type ApiCall = (method: string, path: string, body?: unknown) => Promise<any>;

function apiCaller(target: ProviderTarget, account: string): ApiCall {
  return async (method, path, body) => {
    const token = await target.token(account);
    const response = await fetch(`${target.url}/${encodeURIComponent(account)}/api/v1${path}`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(CAPTURE_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} returned ${response.status}: ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  };
}

/** Returns the first result of a batch response, which must be a success. */
function succeeded(batch: any, action: string): Record<string, unknown> {
  const result = batch?.results?.[0];
  if (result?.status !== 'success') throw new Error(`${action} failed: ${JSON.stringify(result ?? batch)}`);
  return result as Record<string, unknown>;
}

function headerText(callback: CapturedCallback, name: string): string | undefined {
  const value = callback.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The account that the interaction's provider states name, if any. */
function stateAccount(request: MessageRequest): string | undefined {
  for (const state of request.providerStates ?? []) {
    const matched = matchProviderState(state.name, state.params ?? {});
    if ('definition' in matched && typeof matched.values.account === 'string') return matched.values.account;
  }
  return undefined;
}

/** Adjusts the SKU that a `SKU ... has ...` state names by +1, or else the account's first SKU at its first location. */
async function triggerInventoryChange(api: ApiCall, receiver: CaptureReceiver, request: MessageRequest): Promise<CapturedCallback> {
  let target: { cid: string; location: string; status: string } | undefined;
  for (const state of request.providerStates ?? []) {
    const matched = matchProviderState(state.name, state.params ?? {});
    if ('definition' in matched && matched.definition.id === 'sku-count') {
      const { cid, location_id, status } = matched.values;
      target = { cid: String(cid), location: String(location_id), status: String(status) };
    }
  }
  if (!target) {
    const [sku] = (await api('GET', '/skus?limit=1')) as { customer_identifier: string }[];
    const [location] = (await api('GET', '/inventory_locations')) as { id: string }[];
    if (!sku || !location) throw new Error('the account has no SKU or no location to adjust; give a "SKU ... has ..." state');
    target = { cid: sku.customer_identifier, location: location.id, status: 'available' };
  }

  const adjusted = await api('POST', '/inventory_adjustments', [
    {
      customer_identifier: target.cid,
      inventory_location_id: target.location,
      inventory_status: target.status,
      adjustment_quantity: 1,
      adjustment_reason: 'correction',
      adjusted_by: MESSAGE_ACTOR,
    },
  ]);
  succeeded(adjusted, `adjusting ${target.cid}`);
  return receiver.next((callback) => headerText(callback, 'x-message-type') === 'skuInventoryChange', CAPTURE_TIMEOUT_MS);
}

/** Requests a full snapshot with the processing delay set to 0 and waits for its snapshotReady. */
async function triggerSnapshotReady(
  target: ProviderTarget,
  api: ApiCall,
  receiver: CaptureReceiver,
  account: string,
): Promise<CapturedCallback> {
  const settingsPath = `/__admin/accounts/${encodeURIComponent(account)}/snapshots`;
  const before = (await callAdmin(target, 'GET', settingsPath)).settings as Record<string, number>;
  await callAdmin(target, 'PUT', settingsPath, { delayMs: 0, perThousandMs: 0 });
  try {
    const accepted = await api('POST', '/snapshot_request', { snapshot_type: 'full' });
    const id = accepted.snapshot_request_id as string;
    return await receiver.next((callback) => {
      if (headerText(callback, 'x-message-type') !== 'snapshotReady') return false;
      return (JSON.parse(callback.text) as any)?.data?.snapshot_request_id === id;
    }, CAPTURE_TIMEOUT_MS);
  } finally {
    await callAdmin(target, 'PUT', settingsPath, { delayMs: before.delayMs, perThousandMs: before.perThousandMs });
  }
}
