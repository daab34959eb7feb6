/**
 * The test kit (issue #20): one way for every suite, server and web, to start servers,
 * connect clients, sign tokens, wait for conditions and run redis-server. Server tests
 * import it from here; web tests from the package as '@quire/server/test-kit'.
 */
export { waitFor, type WaitOptions } from './wait.js';
export { makeTempDir } from './temp.js';
export { makeToken, unsignedToken, TEST_SECRET, type TokenClaims } from './tokens.js';
export { closeCodesOf, connectClient, docName, useClients, type Clients, type TestClient } from './clients.js';
export { rawSocket, type RawSocket } from './sockets.js';
export { usePostgres, useRedis, useServers, type Servers } from './cleanup.js';
export { testServerStarter, type StartTestServer, type TestServer } from './in-process.js';
export {
  CLI_BIN,
  killProcesses,
  listeningPort,
  runCli,
  startServerProcess,
  type CliRun,
  type ServerProcess,
} from './process.js';
export { ManualClock } from './manual-clock.js';
export { HAS_REDIS, startRedis, type TestRedis } from './redis.js';
export { HAS_POSTGRES, startPostgres, type TestPostgres } from './postgres.js';
export { tinyGif, tinyJpeg, tinyPng, tinyWebp } from './image-bytes.js';
