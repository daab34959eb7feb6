/**
 * The public types of the Quire editor library (issue 7; SPEC: Web › Embedding).
 * Changing anything here is an API change.
 */
import type { Doc } from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { ToolbarButtonName } from '../editor/toolbar-buttons.js';

export type { ToolbarButtonName };

/** How you appear to others: the name on your caret and in their presence list. */
export interface EditorUser {
  name: string;
  /** A CSS colour for your caret and avatar, e.g. `#1971c2`. */
  color: string;
}

/**
 * Why an editor stopped for good: the token expired while connected, the document was
 * deleted, a read-only token opened a document that does not exist (`missing`), or the
 * server refuses the token for this document, or it keeps refusing the changes this
 * device holds (`refused`; they stay on the device). Retrying cannot fix these.
 */
export type EditorProblem = 'expired' | 'deleted' | 'missing' | 'denied' | 'refused';

/** What `onStatus` reports, each time any of it changes. */
export interface EditorStatus {
  /** `offline` also covers "cannot reach the server"; edits are kept and sent later. */
  connection: 'connecting' | 'connected' | 'offline';
  /** Every local change is durably stored on the server. */
  isSaved: boolean;
  /** The document's content has arrived; the editor accepts edits from then on. */
  isLoaded: boolean;
  /** Edits are off, because of the `readOnly` option or a `read` token. */
  isReadOnly: boolean;
  /** Set once the editor has stopped; null while it works. */
  problem: EditorProblem | null;
  /**
   * What the editor syncs over: `websocket`, or `http` while it uses the fallback for
   * networks that block WebSockets (see the `transport` option).
   */
  transport: 'websocket' | 'http';
}

/** What `onChange` reports after every change to the document. */
export interface EditorChange {
  /** The shared Yjs document (the editor's content is its `root` XmlText). */
  doc: Doc;
  /** True when the change was made in this editor, false when it came from others. */
  isLocal: boolean;
}

/** Options shared by `<CollaborativeEditor>` and `mountEditor`. */
export interface EditorOptions {
  /** The Quire server, `https://host` or `wss://host` (either scheme works). */
  serverUrl: string;
  /** The document to open, e.g. `team/notes`. */
  docName: string;
  /** Access token (a JWT from your backend) when the server runs with `--auth-secret`. */
  token?: string;
  /** Name and caret colour shown to others; defaults to the token's name, or "Guest". */
  user?: EditorUser;
  /** Show the document without allowing edits. A `read` token is always read-only. */
  readOnly?: boolean;
  /** `true` (default): every toolbar button; `false`: no toolbar; a list: those buttons. */
  toolbar?: boolean | readonly ToolbarButtonName[];
  /**
   * The comments column beside the text, as in the app (default `true`): threads on the
   * text, replies, resolve and reopen (SPEC: Comments). A `read` token sees comments and
   * cannot post; `false` hides comments altogether.
   */
  comments?: boolean;
  /** The bar above the editor with connection status and who is here (default `true`). */
  showStatusBar?: boolean;
  /** Added to the editor's root element, for theming (see the `--quire-*` CSS variables). */
  className?: string;
  /**
   * `auto` (default): WebSocket, falling back to HTTP by itself where WebSockets are
   * blocked and returning when they work again. `websocket`: never fall back. `http`:
   * HTTP only (the server must offer it; it does unless started with `--http-fallback off`).
   */
  transport?: 'auto' | 'websocket' | 'http';
  onStatus?: (status: EditorStatus) => void;
  onChange?: (change: EditorChange) => void;
}

/** The props of `<CollaborativeEditor>`. */
export type CollaborativeEditorProps = EditorOptions;

/** The options of `mountEditor`. */
export type MountEditorOptions = EditorOptions;

/** What `mountEditor` returns. */
export interface MountedEditor {
  /** The shared Yjs document. */
  readonly doc: Doc;
  /**
   * The y-websocket provider. Its `awareness` holds everyone's presence on either
   * transport; the provider itself is disconnected while the editor uses the HTTP fallback.
   */
  readonly provider: WebsocketProvider;
  /**
   * Removes the editor: closes its connection, withdraws your presence from everyone
   * else's view, removes its listeners and empties the element. Safe to call twice.
   */
  destroy(): void;
}
