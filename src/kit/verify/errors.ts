/** The target sent no response at all: refused, reset, timed out or not HTTP. */
export class TargetUnreachableError extends Error {
  override readonly name = 'TargetUnreachableError';
}

/**
 * The run cannot start with these options: a malformed target URL, a
 * token the target rejects, or an account it does not have.
 */
export class VerifyUsageError extends Error {
  override readonly name = 'VerifyUsageError';
}

/** A request that got no usable response, with the reason in words. */
export class TransportError extends Error {
  override readonly name = 'TransportError';

  constructor(
    readonly request: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${request}: ${reason}`, options);
  }
}

/** Thrown inside a check to skip the rest of it, with the reason. */
export class SkipCheck extends Error {
  override readonly name = 'SkipCheck';
}

/** Thrown inside a check after it recorded a violation it cannot go past. */
export class AbortCheck extends Error {
  override readonly name = 'AbortCheck';
}
