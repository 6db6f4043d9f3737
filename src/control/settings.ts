import { checkSettings as checkCallbackSettings } from '../callbacks/settings.js';
import { isRecord } from '../domain/adjustments.js';
import type { Account } from '../engine/account.js';
import { ApiError } from '../server/errors.js';
import type { ServerContext } from '../server/route.js';
import { parseSnapshotSettings } from '../snapshots/settings.js';
import type { CallbackSettingsInput, SnapshotSettingsInput } from './types.js';

/** The engines whose per-account settings the control plane sets. */
export type SettingsKind = 'callbacks' | 'snapshots';

type SettingsPatch = CallbackSettingsInput | SnapshotSettingsInput;

/**
 * Returns the live settings object of one account in an engine, from
 * `server.callbacks.settings(account)` or `server.snapshots.settings(account)`.
 * Returns undefined while the engine offers no such method.
 */
export function settingsObject(server: ServerContext, kind: SettingsKind, account: Account): Record<string, unknown> | undefined {
  const engine = server[kind] as unknown as { settings?: (account: Account) => unknown };
  if (typeof engine.settings !== 'function') return undefined;
  const settings = engine.settings(account);
  return isRecord(settings) ? settings : undefined;
}

/** Checks a settings body with the engine's own rules; throws a 400 naming each bad field. */
export function checkSettings(kind: SettingsKind, value: unknown): SettingsPatch {
  if (!isRecord(value)) throw ApiError.field('INVALID_BODY', '/', `the ${kind} settings must be a JSON object`);
  const { settings, problems } =
    kind === 'callbacks' ? renameChanges(checkCallbackSettings(value)) : parseSnapshotSettings(value);
  if (problems.length > 0) {
    const details = problems.map((problem) => ({ field: `/${problem.field}`, problem: problem.problem }));
    throw new ApiError('INVALID_BODY', `invalid ${kind} settings: ${details[0]?.problem}`, { details });
  }
  return settings;
}

function renameChanges(result: ReturnType<typeof checkCallbackSettings>) {
  return { settings: result.changes, problems: result.problems };
}

/**
 * Copies the given keys into an account's live settings and returns the
 * result. Throws when the engine has no settings, or lacks one of the keys.
 */
export function applySettings(
  server: ServerContext,
  kind: SettingsKind,
  account: Account,
  patch: SettingsPatch,
): Record<string, unknown> {
  const settings = settingsObject(server, kind, account);
  if (!settings) {
    throw new ApiError('ROUTE_NOT_FOUND', `the ${kind} engine of this build has no settings to change`);
  }
  const unknown = Object.keys(patch).filter((key) => !(key in settings));
  if (unknown.length > 0) {
    throw new ApiError('INVALID_BODY', `the ${kind} engine has no setting ${unknown.join(', ')}`, {
      details: unknown.map((key) => ({ field: `/${key}`, problem: `not a setting of the ${kind} engine` })),
    });
  }
  Object.assign(settings, patch);
  return { ...settings };
}
