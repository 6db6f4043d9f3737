import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One callback that reached the capture receiver. */
export interface CapturedCallback {
  path: string;
  headers: IncomingHttpHeaders;
  /** The exact body bytes, decoded as UTF-8. */
  text: string;
}

/**
 * A callback receiver on an ephemeral loopback port that responds with 200
 * to every POST and keeps what arrived, so a message provider can return
 * the body the mock really sent.
 */
export class CaptureReceiver {
  readonly received: CapturedCallback[] = [];
  url = '';
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #waiters: { predicate: (callback: CapturedCallback) => boolean; resolve: (callback: CapturedCallback) => void }[] = [];

  constructor() {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const callback = { path: request.url ?? '', headers: request.headers, text: Buffer.concat(chunks).toString('utf8') };
        this.received.push(callback);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        this.#wake(callback);
      });
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves with the first callback, already received or not, that `predicate` accepts; rejects after `timeoutMs` of real time. */
  next(predicate: (callback: CapturedCallback) => boolean, timeoutMs: number): Promise<CapturedCallback> {
    const found = this.received.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (callback: CapturedCallback) => {
          clearTimeout(timer);
          resolve(callback);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((entry) => entry !== waiter);
        const others = this.received.length;
        reject(new Error(`no matching callback reached ${this.url} within ${timeoutMs} ms; ${others} other callbacks did`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #wake(callback: CapturedCallback): void {
    const ready = this.#waiters.filter((waiter) => waiter.predicate(callback));
    this.#waiters = this.#waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve(callback);
  }
}
