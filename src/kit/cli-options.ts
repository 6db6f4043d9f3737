import { InvalidArgumentError, Option } from 'commander';

/** Returns a commander parser for a whole number from `min` to `max`. */
export function wholeNumber(name: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    if (!/^\d+$/.test(text)) {
      throw new InvalidArgumentError(`${name} must be a whole number, got '${text}'.`);
    }
    const value = Number(text);
    if (value < min || value > max) {
      throw new InvalidArgumentError(`${name} must be from ${min} to ${max}, got ${value}.`);
    }
    return value;
  };
}

/** Parses a number from 0 to 1, such as `--fail-rate 0.25`. */
export function fraction(name: string) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !(value >= 0 && value <= 1)) {
      throw new InvalidArgumentError(`${name} must be a number from 0 to 1, got '${text}'.`);
    }
    return value;
  };
}

/** Creates the `--log-level` option with pino's levels. */
export function logLevelOption(defaultLevel: string): Option {
  return new Option('--log-level <level>', 'pino log level of the JSON lines on stderr')
    .choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
    .default(defaultLevel);
}
