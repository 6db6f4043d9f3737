import { callbackAdminRoutes } from './callbacks.js';
import { controlRoutes } from './control.js';
import { distributionRoutes } from './distribution.js';
import { pactAdminRoutes } from './pact.js';
import type { AdminRoute } from './route.js';
import { snapshotAdminRoutes } from './snapshots.js';
import { stormAdminRoutes } from './storms.js';

/** Every control-plane route under `/__admin`. */
export const adminRoutes: AdminRoute[] = [
  ...distributionRoutes,
  ...callbackAdminRoutes,
  ...stormAdminRoutes,
  ...snapshotAdminRoutes,
  ...controlRoutes,
  ...pactAdminRoutes,
];
