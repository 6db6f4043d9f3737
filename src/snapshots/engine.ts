import type { Account } from '../engine/account.js';
import type { AccountExtension } from '../engine/mock.js';
import type { ServerContext } from '../server/route.js';

/** Runs snapshot jobs on each account's clock and serves their files. */
export class SnapshotEngine implements AccountExtension {
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
