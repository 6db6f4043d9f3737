import type { ApiRoute } from '../route.js';
import { callbackRoutes } from './callbacks.js';
import { readRoutes } from './read.js';
import { snapshotRoutes } from './snapshots.js';
import { writeRoutes } from './write.js';

/** Every route under `/{accountSlug}/api/v1`. */
export const apiRoutes: ApiRoute[] = [...readRoutes, ...writeRoutes, ...callbackRoutes, ...snapshotRoutes];
