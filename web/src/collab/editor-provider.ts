/**
 * The provider handed to the Lexical collaboration plugin. The plugin's binding only
 * learns about content through Yjs events that happen after it exists; content already
 * in the Y.Doc when it binds is never shown. The plugin calls `connect()` right after it
 * binds, so that is where the IndexedDB copy starts loading too: both sources then
 * arrive as events the binding sees.
 */
import type { Provider } from '@lexical/yjs';
import type { WebsocketProvider } from 'y-websocket';

type Listener = (...args: never[]) => void;
interface Events {
  on(type: string, listener: Listener): void;
  off(type: string, listener: Listener): void;
}

export function createEditorProvider(
  websocket: WebsocketProvider,
  onFirstConnect: () => void,
): Provider {
  let hasConnected = false;
  const events = websocket as unknown as Events;
  const facade = {
    // y-protocols' Awareness has the methods Lexical needs; its state type is wider.
    awareness: websocket.awareness as unknown as Provider['awareness'],
    connect(): void {
      if (!hasConnected) {
        hasConnected = true;
        onFirstConnect();
      }
      websocket.connect();
    },
    disconnect(): void {
      websocket.disconnect();
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
