import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One interaction of a pact file, as verification needs to know it. */
export interface InteractionSummary {
  description: string;
  kind: 'http' | 'message' | 'other';
  /** `message_type` of a message's JSON content, when it has one. */
  messageType?: string;
}

export interface PactFileSummary {
  path: string;
  consumer: string;
  provider: string;
  interactions: InteractionSummary[];
}

/** A pact path that cannot be read, or a file that is not a pact. */
export class PactFileError extends Error {
  override readonly name = 'PactFileError';
}

/**
 * Lists the pact files that paths name: a file is taken as it is, a
 * directory gives its `*.json` files (not those of subdirectories), in name
 * order. URLs are rejected, so verification reads only local files.
 */
export function findPactFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
      throw new PactFileError(`'${path}' is a URL; download the pact file and pass its local path`);
    }
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new PactFileError(`pact file or directory '${path}' not found`);
    }
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    const found = readdirSync(path)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(path, name));
    if (found.length === 0) throw new PactFileError(`directory '${path}' contains no .json pact files`);
    files.push(...found);
  }
  if (files.length === 0) throw new PactFileError('no pact files given');
  return files;
}

/** Reads the names and interactions of a pact file (specification 2, 3 or 4). */
export function readPactFile(path: string): PactFileSummary {
  let pact: any;
  try {
    pact = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PactFileError(`cannot read pact file '${path}': ${(error as Error).message}`);
  }
  const interactions: unknown = pact?.interactions ?? pact?.messages;
  if (!Array.isArray(interactions)) {
    throw new PactFileError(`'${path}' is not a pact file: it has no interactions or messages array`);
  }
  return {
    path,
    consumer: String(pact.consumer?.name ?? 'unknown consumer'),
    provider: String(pact.provider?.name ?? 'unknown provider'),
    interactions: interactions.map((interaction) => summarize(interaction, pact.messages !== undefined)),
  };
}

function summarize(interaction: any, isMessagePact: boolean): InteractionSummary {
  const description = String(interaction?.description ?? '');
  const type = typeof interaction?.type === 'string' ? interaction.type : undefined;
  const isMessage = type === 'Asynchronous/Messages' || (type === undefined && isMessagePact);
  if (!isMessage) return { description, kind: type === undefined || type === 'Synchronous/HTTP' ? 'http' : 'other' };

  // A V4 message keeps its body in contents.content, a V3 message in contents.
  const content = type === undefined ? interaction.contents : interaction.contents?.content;
  const messageType = typeof content?.message_type === 'string' ? content.message_type : undefined;
  return { description, kind: 'message', ...(messageType === undefined ? {} : { messageType }) };
}
