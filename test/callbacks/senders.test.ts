import { describe, expect, it } from 'vitest';
import { createHttpSender } from '../../src/callbacks/http-sender.js';
import { ABORTED, fetchSender, type Sender } from '../../src/callbacks/sender.js';
import { startReceiver, useReceiver } from '../support/receiver.js';

const receiver = useReceiver();

const senders: [string, Sender][] = [
  ['http sender', createHttpSender()],
  ['fetch sender', fetchSender],
];

function send(sender: Sender, options: { timeoutMs?: number; signal?: AbortSignal; url?: string } = {}) {
  return sender({
    url: options.url ?? `${receiver.url}/hooks`,
    headers: { 'content-type': 'application/json', 'x-message-id': 'm-1' },
    body: Buffer.from('{"a":"é"}', 'utf8'),
    timeoutMs: options.timeoutMs ?? 5_000,
    signal: options.signal ?? new AbortController().signal,
  });
}

describe.each(senders)('%s', (_name, sender) => {
  it('returns the status and sends the exact bytes', async () => {
    receiver.script = () => ({ status: 202 });
    expect(await send(sender)).toEqual({ status: 202 });
    const attempt = receiver.attempts[0]!;
    expect(attempt.raw.equals(Buffer.from('{"a":"é"}', 'utf8'))).toBe(true);
    expect(attempt.headers['content-length']).toBe(String(attempt.raw.byteLength));
    expect(attempt.headers['x-message-id']).toBe('m-1');
  });

  it('does not follow a redirect', async () => {
    receiver.script = () => ({ status: 307 });
    expect(await send(sender)).toEqual({ status: 307 });
    expect(receiver.attempts).toHaveLength(1);
  });

  it('reports a reset connection', async () => {
    receiver.script = () => ({ reset: true });
    const result = await send(sender);
    expect(result).toEqual({ error: expect.stringMatching(/^connection_error: /) });
  });

  it('reports a refused connection', async () => {
    const closed = await startReceiver();
    const url = `${closed.url}/hooks`;
    await closed.close();
    const result = await send(sender, { url });
    expect(result).toEqual({ error: expect.stringMatching(/^connection_error: ECONNREFUSED/) });
  });

  it('times out a hanging receiver', async () => {
    receiver.script = () => ({ hang: true });
    expect(await send(sender, { timeoutMs: 100 })).toEqual({ error: 'timeout' });
  });

  it('reports an abort as aborted', async () => {
    receiver.script = () => ({ hang: true });
    const controller = new AbortController();
    const pending = send(sender, { signal: controller.signal });
    await receiver.waitForAttempts(1);
    controller.abort();
    expect(await pending).toEqual({ error: ABORTED });
  });
});
