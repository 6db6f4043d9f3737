import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import StreamJson from 'stream-json';
import Pick from 'stream-json/filters/Pick.js';
import StreamArray from 'stream-json/streamers/StreamArray.js';

/** What a streaming parse of a snapshot file found. */
export interface StreamedFile {
  status: number;
  headers: Headers;
  /** Top-level fields other than `data`, in file order. */
  fields: Record<string, unknown>;
  recordCount: number;
  statusCountRows: number;
  bytes: number;
  /** Last byte of the body that is not JSON whitespace. */
  lastByte: string;
  /** Milliseconds from sending the request to the first body byte. */
  firstByteMs: number;
  /** Milliseconds from sending the request to the end of the parse. */
  totalMs: number;
}

const SCALAR_TOKENS = new Set(['stringValue', 'numberValue', 'trueValue', 'falseValue', 'nullValue']);

/**
 * Downloads a snapshot file and parses it as a stream, never holding the
 * whole document: one parser picks the `data` items one by one, a second
 * one the top-level fields. `onRecord` is called with every record as it is parsed.
 */
export async function parseSnapshotStream(
  url: string,
  onRecord: (record: any, index: number) => void = () => {},
): Promise<StreamedFile> {
  const started = performance.now();
  const response = await fetch(url);
  if (!response.body) throw new Error(`no body from ${url} (HTTP ${response.status})`);

  let bytes = 0;
  let lastByte = '';
  let firstByteMs = -1;
  const counter = new PassThrough({
    transform(chunk: Buffer, _encoding, callback) {
      if (firstByteMs < 0) firstByteMs = performance.now() - started;
      bytes += chunk.length;
      for (let i = chunk.length - 1; i >= 0; i--) {
        const byte = chunk[i] as number;
        if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) {
          lastByte = String.fromCharCode(byte);
          break;
        }
      }
      callback(null, chunk);
    },
  });
  // The counter feeds two parsers, and each pipeline adds its own listeners.
  counter.setMaxListeners(32);

  let recordCount = 0;
  let statusCountRows = 0;
  const records = new Writable({
    objectMode: true,
    write(item: { value: any }, _encoding, callback) {
      onRecord(item.value, recordCount);
      recordCount += 1;
      statusCountRows += Array.isArray(item.value.status_counts) ? item.value.status_counts.length : 0;
      callback();
    },
  });

  // Top-level scalar fields, read from the token stream: depth 1 is the file object.
  const fields: Record<string, unknown> = {};
  let depth = 0;
  let key: string | undefined;
  const header = new Writable({
    objectMode: true,
    write(token: { name: string; value?: unknown }, _encoding, callback) {
      if (token.name === 'startObject' || token.name === 'startArray') depth += 1;
      else if (token.name === 'endObject' || token.name === 'endArray') depth -= 1;
      else if (depth === 1 && token.name === 'keyValue') key = token.value as string;
      else if (depth === 1 && key !== undefined && SCALAR_TOKENS.has(token.name)) {
        fields[key] = token.name === 'numberValue' ? Number(token.value) : token.value;
      }
      callback();
    },
  });

  const source = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  await Promise.all([
    pipeline(source, counter),
    pipeline(counter, StreamJson.parser(), Pick.pick({ filter: 'data' }), StreamArray.streamArray(), records),
    pipeline(counter, StreamJson.parser({ packKeys: true, streamKeys: false, packValues: true, streamValues: false }), header),
  ]);

  return {
    status: response.status,
    headers: response.headers,
    fields,
    recordCount,
    statusCountRows,
    bytes,
    lastByte,
    firstByteMs,
    totalMs: performance.now() - started,
  };
}
