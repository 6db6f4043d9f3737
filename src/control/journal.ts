import type { JournalEntry, RequestFilter } from './types.js';

/** Requests kept per account, and for requests outside any account. */
export const DEFAULT_JOURNAL_LIMIT = 1000;

/** Entries `GET /__admin/requests` returns when no limit is given. */
export const DEFAULT_PAGE = 100;

/**
 * The request journal: the latest requests of each account, and of requests
 * that name no account, each list bounded on its own so that a busy account
 * cannot push another one's entries out.
 */
export class Journal {
  limit: number;
  #seq = 0;
  readonly #byAccount = new Map<string, JournalEntry[]>();
  #unscoped: JournalEntry[] = [];

  constructor(limit = DEFAULT_JOURNAL_LIMIT) {
    this.limit = limit;
  }

  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const stored: JournalEntry = { seq: ++this.#seq, ...entry };
    const list = this.#listFor(stored.account);
    list.push(stored);
    // Trim in chunks, so a full journal does not shift its array per request.
    if (list.length > this.limit + Math.ceil(this.limit / 10)) list.splice(0, list.length - this.limit);
    return stored;
  }

  /** Matching entries, newest first, and how many matched before the limit. */
  query(filter: RequestFilter = {}): { total: number; data: JournalEntry[] } {
    const lists =
      filter.account === undefined ? [this.#unscoped, ...this.#byAccount.values()] : [this.#byAccount.get(filter.account) ?? []];
    const status = statusMatcher(filter.status);
    const matches: JournalEntry[] = [];
    for (const list of lists) {
      // Only the latest `limit` entries of a list count, even before a trim.
      for (const entry of list.slice(-this.limit)) {
        if (filter.method !== undefined && entry.method !== filter.method) continue;
        if (filter.path !== undefined && !entry.path.includes(filter.path)) continue;
        if (!status(entry.status)) continue;
        matches.push(entry);
      }
    }
    matches.sort((a, b) => b.seq - a.seq);
    return { total: matches.length, data: matches.slice(0, filter.limit ?? DEFAULT_PAGE) };
  }

  /** Forgets every entry, or those of one account. */
  clear(account?: string): void {
    if (account !== undefined) {
      this.#byAccount.delete(account);
      return;
    }
    this.#byAccount.clear();
    this.#unscoped = [];
  }

  /** Forgets everything and numbers entries from 1 again. */
  reset(): void {
    this.clear();
    this.#seq = 0;
  }

  #listFor(account: string | undefined): JournalEntry[] {
    if (account === undefined) return this.#unscoped;
    let list = this.#byAccount.get(account);
    if (!list) {
      list = [];
      this.#byAccount.set(account, list);
    }
    return list;
  }
}

function statusMatcher(status: number | string | undefined): (value: number | undefined) => boolean {
  if (status === undefined) return () => true;
  const text = String(status);
  if (/^[1-5]xx$/.test(text)) {
    const hundreds = Number(text[0]);
    return (value) => value !== undefined && Math.floor(value / 100) === hundreds;
  }
  const exact = Number(text);
  return (value) => value === exact;
}
