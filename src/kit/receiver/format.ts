import type { ReceivedCallback } from './log.js';

const SHOWN_PROBLEMS = 3;


/** Describes what a callback carried: its SKU count or its snapshot. */
function contentOf(callback: ReceivedCallback): string {
  const data = (callback.body as { data?: unknown } | undefined)?.data;
  if (Array.isArray(data)) return ` skus=${data.length}`;
  const snapshot = data as { snapshot_request_id?: unknown; status?: unknown } | undefined;
  if (typeof snapshot?.snapshot_request_id === 'string') {
    return ` snapshot=${snapshot.snapshot_request_id} status=${String(snapshot.status)}`;
  }
  return '';
}

/**
 * Formats one callback as a line for a terminal, such as
 * `2026-12-04T12:00:01.000Z 200 accepted skuInventoryChange id=… attempt=1 path=/hooks skus=1`.
 */
export function formatCallbackLine(callback: ReceivedCallback): string {
  const head =
    `${callback.receivedAt} ${callback.status} ${callback.outcome} ` +
    `${callback.messageType ?? '-'} id=${callback.messageId ?? '-'} ` +
    `attempt=${callback.attempt} path=${callback.path}`;
  if (callback.outcome === 'accepted') return `${head}${contentOf(callback)}`;

  const problems = callback.problems.slice(0, SHOWN_PROBLEMS).map((problem) => problem.message);
  const more = callback.problems.length - problems.length;
  if (more > 0) problems.push(`${more} more`);
  const detail = problems.length === 0 ? '' : `: ${problems.join('; ')}`;
  return `${head} reason: ${callback.reasons.join('; ')}${detail}`;
}
