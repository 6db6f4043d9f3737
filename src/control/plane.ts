import type { Account } from '../engine/account.js';
import type { AccountExtension } from '../engine/mock.js';
import type { ServerContext } from '../server/route.js';

/** Per-account simulation settings: fault rules, request journal, chaos. */
export class ControlPlane implements AccountExtension {
  readonly #server: ServerContext;

  constructor(server: ServerContext) {
    this.#server = server;
  }

  attach(account: Account): void {
    void account;
    void this.#server;
  }

  detach(account: Account): void {
    void account;
  }
}
