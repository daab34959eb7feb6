import { transportContract } from './contracts/transport.contract.js';
import { webSocketClient } from './contracts/transport-client.js';
import { httpTransportClient } from './contracts/transport-client-http.js';

/** Every transport runs the same contract (STYLE §7): a WebSocket, and the HTTP fallback (event stream down, POST up). */
transportContract('WebSocket', webSocketClient, { textFrames: true });
transportContract('HTTP', httpTransportClient, { textFrames: false });
