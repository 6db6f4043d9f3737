import { CallbackEngine } from './callbacks/engine.js';
import { ControlPlane } from './control/plane.js';
import type { BaseContext, ServerContext } from './server/route.js';
import { SnapshotEngine } from './snapshots/engine.js';

/**
 * Creates the per-account subsystems (callback delivery, snapshot jobs,
 * control plane) and attaches them to every account, present and future.
 */
export function attachSubsystems(base: BaseContext): ServerContext {
  const server = base as ServerContext;
  server.control = new ControlPlane(server);
  server.callbacks = new CallbackEngine(server);
  server.snapshots = new SnapshotEngine(server);
  server.mock.use(server.control);
  server.mock.use(server.callbacks);
  server.mock.use(server.snapshots);
  return server;
}
