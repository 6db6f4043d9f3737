import { useTestMock, type startTestMock, type TestMock } from './mock.js';
import { useReceiver, type Receiver } from './receiver.js';

/** The mock and the callback receiver of a test file or describe block. */
export interface MockWithReceiver {
  /** The started mock. Reading it before `beforeAll` has run throws. */
  readonly mock: TestMock;
  /** The receiver, created at once but given its `url` only when it starts. */
  readonly receiver: Receiver;
}

/**
 * Starts one mock and one callback receiver for a test file or describe
 * block, and closes both after the last test.
 *
 * Before each test it resets the mock through the control plane, which
 * rebuilds the accounts from the fixture and restores faults, journal,
 * settings and clocks. It then sets the clock to `clockAt` when given,
 * drops the receiver's attempts and restores its accept-all script. Hooks
 * registered after this call run after that reset.
 *
 * @example
 * const harness = useMockWithReceiver({ fixtureName: 'f0', clockAt: CASE_NOW });
 * it('delivers', async () => {
 *   await register(harness.mock, harness.receiver);
 * });
 */
export function useMockWithReceiver(
  options: Parameters<typeof startTestMock>[0] = {},
): MockWithReceiver {
  // The mock's hooks come first, so each test resets the mock before the receiver.
  const mock = useTestMock(options, { resetBeforeEach: true });
  const receiver = useReceiver();
  return {
    get mock(): TestMock {
      return mock.current;
    },
    receiver,
  };
}
