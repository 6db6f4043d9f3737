import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ABORTED, type SendResult, type Sender } from './sender.js';

/** Options of `createHttpSender`. */
export interface HttpSenderOptions {
  /** Open connections kept per receiver origin; 64. */
  maxSockets?: number;
}

/**
 * Creates a sender on `node:http` and `node:https` with keep-alive agents.
 * It does what `fetchSender` does at a fraction of the CPU cost per request,
 * which matters during storms: the timeout covers the time until the status
 * line, the response body is drained so the connection is reused, and
 * redirects are not followed.
 */
export function createHttpSender(options: HttpSenderOptions = {}): Sender {
  const maxSockets = options.maxSockets ?? 64;
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets }),
  };

  return (request) =>
    new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal.removeEventListener('abort', onAbort);
        resolve(result);
      };

      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        finish({ error: `connection_error: invalid URL ${request.url}` });
        return;
      }
      const secure = url.protocol === 'https:';
      const send = secure ? httpsRequest : httpRequest;
      const outgoing = send(url, {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { ...request.headers, 'content-length': String(request.body.byteLength) },
      });

      const timer = setTimeout(() => {
        finish({ error: 'timeout' });
        outgoing.destroy();
      }, request.timeoutMs);
      const onAbort = () => {
        finish({ error: ABORTED });
        outgoing.destroy();
      };
      if (request.signal.aborted) {
        onAbort();
        return;
      }
      request.signal.addEventListener('abort', onAbort, { once: true });

      outgoing.on('response', (response: IncomingMessage) => {
        finish({ status: response.statusCode ?? 0 });
        response.on('error', () => {});
        response.resume();
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        finish({ error: `connection_error: ${error.code ?? error.message}` });
      });
      outgoing.end(request.body);
    });
}
