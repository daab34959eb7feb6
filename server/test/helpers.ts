import { startServer } from '../src/index.js';
import { testServerStarter } from './kit/index.js';

/** The test kit (./kit) bound to the server's source: what every server test imports. */
export * from './kit/index.js';

/**
 * A server from this workspace's source on a random port with a fresh data folder.
 * `initialContent` is empty and rate limits are off unless a test sets them: scenario
 * tests edit in bulk, far faster than people type.
 */
export const startTestServer = testServerStarter(startServer, {
  initialContent: () => undefined,
  maxMessagesPerSecond: 0,
  maxBytesPerSecond: 0,
});
