import { Window } from 'happy-dom';

/**
 * Lexical's HTML import and export call the global `document`; Node has none. A
 * happy-dom window is made the global DOM only for the duration of one synchronous call,
 * so nothing else in the server ever sees a fake browser.
 */
export function withDom<T>(run: (window: Window) => T): T {
  const window = new Window();
  const globals = globalThis as Record<string, unknown>;
  const saved = { window: globals.window, document: globals.document };
  globals.window = window;
  globals.document = window.document;
  try {
    return run(window);
  } finally {
    globals.window = saved.window;
    globals.document = saved.document;
    void window.happyDOM.close();
  }
}
