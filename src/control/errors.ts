import type { ErrorDetail } from '../server/errors.js';

/** A config file or option set that cannot be used, with a JSON pointer per problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly details: ErrorDetail[];

  constructor(source: string, details: ErrorDetail[]) {
    const first = details[0];
    const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
    super(`${source}: ${first ? `${first.field}: ${first.problem}` : 'invalid'}${more}`);
    this.details = details;
  }
}
