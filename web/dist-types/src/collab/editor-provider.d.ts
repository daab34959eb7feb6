/**
 * The provider handed to the Lexical collaboration plugin. The plugin's binding only
 * learns about content through Yjs events that happen after it exists; content already
 * in the Y.Doc when it binds is never shown. The plugin calls `connect()` right after it
 * binds, so that is where the IndexedDB copy starts loading too: both sources then
 * arrive as events the binding sees.
 */
import type { Provider } from '@lexical/yjs';
import type { WebsocketProvider } from 'y-websocket';
export declare function createEditorProvider(websocket: WebsocketProvider, onFirstConnect: () => void): Provider;
