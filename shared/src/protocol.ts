/**
 * Wire constants of the y-websocket protocol as Quire speaks it (SPEC: WebSocket).
 * The first varint of every binary frame is its message type; types 0–3 are the stock
 * y-protocols ones, 100 is Quire's durable-acknowledgement extension sent only to
 * clients that connect with `?ack=1`.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  Ack: 100,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** How metrics name each message type (`quire_messages_out_total{type}`). */
export const MESSAGE_TYPE_LABEL: Record<MessageType, string> = {
  [MessageType.Sync]: 'sync',
  [MessageType.Awareness]: 'awareness',
  [MessageType.Auth]: 'auth',
  [MessageType.QueryAwareness]: 'query-awareness',
  [MessageType.Ack]: 'ack',
};

/** Second varint of a sync message (y-protocols/sync). */
export const SyncStep = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;

/** Close codes used by the server, shared with clients so both ends name them alike. */
export const CloseCode = {
  Normal: 1000,
  Shutdown: 1001,
  ProtocolError: 1002,
  UnsupportedData: 1003,
  TooLarge: 1009,
  InternalError: 1011,
  /** Policy violation: the client exceeded a rate limit. */
  RateLimited: 1008,
  SlowReader: 1013,
  /** The access token expired while connected: fetch a fresh one and reconnect. */
  TokenExpired: 4401,
  /**
   * No such document: it was deleted (HTTP DELETE), or it does not exist and this connection
   * may not create it (a read-only token). Don't reconnect to it.
   */
  DocumentDeleted: 4404,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close reason (with 4404) and HTTP error for a document that never existed, as opposed to a deleted one. */
export const NO_SUCH_DOCUMENT = 'no such document';
/** Interval between server pings; a socket that missed the previous pong is dropped. */
export const PING_INTERVAL_MS = 30_000;
/** Bytes a socket may have queued for sending before it counts as a slow reader. */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
export const MAX_DOC_NAME_LENGTH = 512;
/** A client must finish sending its HTTP request headers (the upgrade included) within this time, or is dropped. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;
/**
 * Frames one POST of the HTTP fallback may carry; more get 413 and the session is closed
 * with 1009. The web client never sends more in one batch.
 */
export const MAX_FRAMES_PER_BATCH = 1024;
/** Bytes a POST batch may hold beyond --max-message-bytes (room for its length prefixes and small frames). */
export const BATCH_OVERHEAD_BYTES = 64 * 1024;
/**
 * Heartbeat of the HTTP fallback transport (SPEC: When WebSockets are blocked): the server
 * pings its event stream and an idle client posts an empty batch this often. Either side
 * that hears nothing for `HTTP_MISSED_HEARTBEATS` heartbeats treats the other as gone.
 */
export const HTTP_HEARTBEAT_MS = 10_000;
export const HTTP_MISSED_HEARTBEATS = 3;
