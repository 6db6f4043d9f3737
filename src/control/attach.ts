import type { FixtureFile } from '../engine/fixture-format.js';
import type { ServerContext } from '../server/route.js';
import { createAdminClient, type AdminClient } from './admin-client.js';
import { checkControlOptions } from './config.js';
import { shortcutRules } from './flags.js';
import { DEFAULT_JOURNAL_LIMIT } from './journal.js';
import type { ClockSetting, ControlOptions } from './types.js';

/**
 * Installs the control-plane options of a starting mock (fault rules, the
 * shortcut flags, engine settings, clock, journal size) as the defaults that
 * every reset returns to, and returns the typed admin calls. Throws a
 * ConfigError for options that fail the config schema.
 */
export function attachControl(
  server: ServerContext,
  options: ControlOptions & { manualClock?: string },
  fixture: FixtureFile,
): AdminClient {
  checkControlOptions(options);
  const control = server.control;
  control.journal.limit = options.journal?.limit ?? DEFAULT_JOURNAL_LIMIT;

  const manual: ClockSetting | undefined =
    options.manualClock === undefined ? undefined : { mode: 'manual', at: options.manualClock };
  const clock = options.clock ?? manual;
  control.configure({
    faults: [...(options.faults ?? []), ...shortcutRules(options)],
    ...(clock === undefined ? {} : { clock }),
    callbacks: options.callbacks ?? {},
    snapshots: options.snapshots ?? {},
    fixtureAccounts: fixture.accounts,
  });

  // Registered after the engines, so each account's engine settings exist by the time this runs.
  server.mock.use({
    attach: (account) => {
      control.applyAccountSettings('callbacks', account);
      control.applyAccountSettings('snapshots', account);
    },
    detach: () => undefined,
  });
  return createAdminClient(server);
}
