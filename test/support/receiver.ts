import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** One request that reached the receiver, with its exact bytes. */
export interface ReceivedAttempt {
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  text: string;
  body: any;
  receivedAt: number;
}

/** What the receiver does with one attempt. */
export type Reply =
  | { status: number; delayMs?: number; body?: string }
  | { reset: true }
  | { hang: true };

export type Script = (attempt: ReceivedAttempt) => Reply;

/** Default script, which replies 200 to every attempt. */
export const ACCEPT_ALL: Script = () => ({ status: 200 });

/**
 * A callback receiver on an ephemeral loopback port whose reply is scripted
 * per attempt. It records every attempt in arrival order.
 */
export class Receiver {
  readonly attempts: ReceivedAttempt[] = [];
  script: Script = ACCEPT_ALL;
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  readonly #waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = raw.toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        const attempt: ReceivedAttempt = {
          index: this.attempts.length,
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          raw,
          text,
          body,
          receivedAt: Date.now(),
        };
        this.attempts.push(attempt);
        this.#reply(this.script(attempt), response);
        this.#wake();
      });
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  #reply(reply: Reply, response: ServerResponse): void {
    if ('reset' in reply) {
      response.socket?.destroy();
      return;
    }
    if ('hang' in reply) return;
    const send = () => {
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(reply.body ?? '{}');
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.predicate()) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  /** Resolves once `predicate` holds, checked on every attempt; rejects after `timeoutMs` of real time. */
  waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.findIndex((waiter) => waiter.resolve === done), 1);
        reject(new Error(`receiver: condition not met within ${timeoutMs} ms; got ${this.attempts.length} attempts`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#waiters.push({ predicate, resolve: done });
    });
  }

  /** Resolves once at least `count` attempts have arrived. */
  waitForAttempts(count: number, timeoutMs?: number): Promise<void> {
    return this.waitFor(() => this.attempts.length >= count, timeoutMs);
  }

  /** Attempts whose `X-Message-Type` is `type`. */
  ofType(type: string): ReceivedAttempt[] {
    return this.attempts.filter((attempt) => attempt.headers['x-message-type'] === type);
  }

  clear(): void {
    this.attempts.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}

/** Starts a receiver; close it in afterAll. */
export function startReceiver(): Promise<Receiver> {
  return new Receiver().start();
}

/**
 * Starts one receiver for a test file or describe block and closes it after
 * the last test. Before each test it drops the recorded attempts and goes
 * back to the script that accepts everything.
 *
 * The receiver is returned before it starts, so read `receiver.url` inside
 * hooks and tests, not at module level.
 */
export function useReceiver(): Receiver {
  const receiver = new Receiver();
  beforeAll(async () => {
    await receiver.start();
  });
  beforeEach(() => {
    receiver.clear();
    receiver.script = ACCEPT_ALL;
  });
  afterAll(async () => {
    await receiver.close();
  });
  return receiver;
}
