import { pino, type Level, type Logger } from 'pino';

export type LogLevel = Level | 'silent';

/** Creates the mock's root logger: JSON lines on stderr, one child per component. */
export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: { name: 'inventory-mock' } }, pino.destination(2));
}
