/**
 * Keeps Pact from contacting hosts other than the provider and loopback. The
 * Pact core bundled with @pact-foundation/pact 16.5 (libpact_ffi 0.5.4) sends
 * usage metrics to Google Analytics after a test run or a verification
 * unless `PACT_DO_NOT_TRACK` is set. Brokers are never involved: verification
 * here passes no provider name, version or broker URL, which Pact needs
 * before it fetches or publishes anything.
 */
export function keepPactLocal(): void {
  process.env.PACT_DO_NOT_TRACK = 'true';
}
