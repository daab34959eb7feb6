import type { CloseCode } from '@quire/shared';

/** A frame from the network that we refuse; `code` is the WebSocket close code. */
export class ProtocolError extends Error {
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** A storage read or write that failed; data may be at risk, so it is never swallowed. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** An HTTP request we refuse; rendered as `{ "error": message }` with `status`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
