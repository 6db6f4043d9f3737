import { formatRfc3339 } from '../domain/time.js';
import type { ServerContext } from '../server/route.js';
import type { DeliveryLogView } from './engine.js';
import type { DeliveryMessage } from './types.js';

/** Criteria of the delivered message that `expect` waits for. */
export interface CallbackExpectation {
  /** Message type, such as `skuInventoryChange`. */
  type: string;
  /** Only messages with a record of this SKU (customer identifier). */
  cid?: string;
  /** Only messages of this account; any account by default. */
  account?: string;
  /** Only messages whose parsed body passes this test. */
  match?: (body: any) => boolean;
}

/** A delivered message as `expect` resolves it. */
export interface ExpectedCallback {
  id: string;
  account: string;
  message_type: string;
  /** The parsed body. */
  body: any;
  /** The exact body text every attempt sent. */
  raw: string;
  attempts: number;
  delivered_at: string;
}

/** The callback helpers of a running mock. */
export interface MockCallbacks {
  /**
   * Resolves with the first delivered message that matches, and messages
   * delivered before the call count. Rejects after `within` ms of real time
   * with a list of the messages there were instead.
   *
   * @example
   * const message = await mock.callbacks.expect({ type: 'skuInventoryChange', cid: 'sku001' }, { within: 2000 });
   */
  expect(expectation: CallbackExpectation, options: { within: number }): Promise<ExpectedCallback>;
  /** The delivery log of an account, the default account unless named. */
  log(account?: string): DeliveryLogView;
}

function matches(message: DeliveryMessage, expectation: CallbackExpectation): boolean {
  if (message.state !== 'delivered' || message.type !== expectation.type) return false;
  if (expectation.account !== undefined && message.account !== expectation.account) return false;
  if (expectation.cid !== undefined && !message.customerIdentifiers.includes(expectation.cid)) return false;
  if (expectation.match && !expectation.match(JSON.parse(message.body.toString('utf8')))) return false;
  return true;
}

function shape(message: DeliveryMessage): ExpectedCallback {
  const raw = message.body.toString('utf8');
  return {
    id: message.id,
    account: message.account,
    message_type: message.type,
    body: JSON.parse(raw),
    raw,
    attempts: message.attempts.length,
    delivered_at: formatRfc3339(message.deliveredAt ?? message.createdAt),
  };
}

function describeLog(server: ServerContext): string {
  const lines: string[] = [];
  for (const account of server.mock.accounts.values()) {
    for (const message of server.callbacks.messages(account)) {
      const cids = message.customerIdentifiers.length > 0 ? ` [${message.customerIdentifiers.join(', ')}]` : '';
      lines.push(`  ${message.account} ${message.type} ${message.id} ${message.state}${cids}`);
    }
  }
  return lines.length === 0 ? '  (no messages)' : lines.slice(-20).join('\n');
}

/** Builds `RunningMock.callbacks` for a mock's server context. */
export function mockCallbacks(server: ServerContext, defaultAccount: string): MockCallbacks {
  return {
    expect(expectation, { within }) {
      try {
        for (const account of server.mock.accounts.values()) {
          for (const message of server.callbacks.messages(account)) {
            if (matches(message, expectation)) return Promise.resolve(shape(message));
          }
        }
      } catch (error) {
        return Promise.reject(error as Error);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          unsubscribe();
          const wanted = `${expectation.type}${expectation.cid === undefined ? '' : ` for ${expectation.cid}`}`;
          reject(new Error(`no delivered ${wanted} callback matched within ${within} ms; messages so far:\n${describeLog(server)}`));
        }, within);
        const unsubscribe = server.callbacks.onDelivered((message) => {
          let matched: boolean;
          try {
            matched = matches(message, expectation);
          } catch (error) {
            clearTimeout(timer);
            unsubscribe();
            reject(error as Error);
            return;
          }
          if (!matched) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(shape(message));
        });
      });
    },
    log(account = defaultAccount) {
      const found = server.mock.account(account);
      if (!found) throw new Error(`account '${account}' not found; the mock has ${[...server.mock.accounts.keys()].join(', ')}`);
      return server.callbacks.log(found);
    },
  };
}
