/**
 * Instants are integer microseconds since the Unix epoch. A JavaScript number
 * represents them exactly until the year 2255, and the wire format (RFC 3339 with
 * six fraction digits) needs no finer unit.
 */
export type Micros = number;

export const MICROS_PER_MS = 1000;
export const MICROS_PER_SECOND = 1_000_000;

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an RFC 3339 date-time with any offset and any number of fraction
 * digits. Digits past the sixth are truncated. Returns undefined for anything
 * that is not a valid RFC 3339 date-time, including a missing offset.
 */
export function parseRfc3339(text: string): Micros | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;

  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  // A leap second (60) is valid RFC 3339 but has no instant of its own here.
  const second = Number(s);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;

  let offsetMinutes = 0;
  if (!zulu) {
    const offsetHours = Number(oh);
    const offsetMins = Number(om);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (offsetHours * 60 + offsetMins) * (sign === '-' ? -1 : 1);
  }

  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const fractionMicros = Number((fraction ?? '').padEnd(6, '0').slice(0, 6));
  return ms * MICROS_PER_MS + fractionMicros - offsetMinutes * 60 * MICROS_PER_SECOND;
}

/** Most formatted instants remembered; records repeat the same few times a lot. */
const FORMAT_CACHE_LIMIT = 4096;
const formatted = new Map<Micros, string>();

/** Formats an instant as UTC with six fraction digits: `2026-01-01T00:00:00.000000Z`. */
export function formatRfc3339(micros: Micros): string {
  const cached = formatted.get(micros);
  if (cached !== undefined) return cached;

  const ms = Math.floor(micros / MICROS_PER_MS);
  const fraction = micros - ms * MICROS_PER_MS;
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.000Z
  const text = `${iso.slice(0, 23)}${String(fraction).padStart(3, '0')}Z`;
  if (formatted.size >= FORMAT_CACHE_LIMIT) formatted.clear();
  formatted.set(micros, text);
  return text;
}

export function millisToMicros(ms: number): Micros {
  return Math.round(ms * MICROS_PER_MS);
}

export function microsToMillis(micros: Micros): number {
  return micros / MICROS_PER_MS;
}
