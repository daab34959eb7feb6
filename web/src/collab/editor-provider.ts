/**
 * The provider handed to the Lexical collaboration plugin. The plugin's binding only
 * learns about content through Yjs events that happen after it exists; content already
 * in the Y.Doc when it binds is never shown. The plugin calls `connect()` right after it
 * binds, so that is where the IndexedDB copy starts loading too: both sources then
 * arrive as events the binding sees.
 *
 * It wraps the SyncConnection, never a transport: the plugin keeps this one object while
 * the connection switches between WebSocket and HTTP underneath (issue 9).
 */
import type { Provider } from '@lexical/yjs';
import type { SyncConnection } from './sync-connection.js';

type Listener = (...args: never[]) => void;
interface Events {
  on(type: string, listener: Listener): void;
  off(type: string, listener: Listener): void;
}

export function createEditorProvider(connection: SyncConnection, onFirstConnect: () => void): Provider {
  let hasConnected = false;
  const events = connection as unknown as Events;
  const facade = {
    // y-protocols' Awareness has the methods Lexical needs; its state type is wider.
    awareness: connection.awareness as unknown as Provider['awareness'],
    connect(): void {
      if (!hasConnected) {
        hasConnected = true;
        onFirstConnect();
      }
      connection.connect();
    },
    disconnect(): void {
      connection.disconnect();
    },
    on(type: string, listener: Listener): void {
      events.on(type, listener);
    },
    off(type: string, listener: Listener): void {
      events.off(type, listener);
    },
  };
  return facade as Provider;
}
