/** A fixture that cannot be loaded, with a JSON pointer to the bad value. */
export class FixtureError extends Error {
  override readonly name = 'FixtureError';
  readonly pointer: string;

  constructor(pointer: string, message: string) {
    super(`${pointer || '/'}: ${message}`);
    this.pointer = pointer;
  }
}
