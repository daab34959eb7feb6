import { Window } from 'happy-dom';

/**
 * Lexical's HTML import and export call the global `document`; Node has none. A
 * happy-dom window is made the global DOM only for the duration of one synchronous call,
 * so nothing else in the server ever sees a fake browser.
 */
export function withDom<T>(run: (window: Window) => T): T {
  const window = new Window();
  keepSelfReplacement(window);
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

const patched = new WeakSet<object>();

/**
 * `node.replaceWith(node)` leaves the node in place in browsers (DOM standard); happy-dom
 * 20 removes it. Lexical's table export replaces its `<table>` with itself, so without
 * this every table vanished from HTML exports.
 */
function keepSelfReplacement(window: Window): void {
  const prototype = window.Element.prototype;
  if (patched.has(prototype)) return;
  patched.add(prototype);
  const replaceWith = prototype.replaceWith;
  prototype.replaceWith = function (this: typeof prototype, ...nodes: Parameters<typeof replaceWith>) {
    if (nodes.length === 1 && nodes[0] === this) return;
    replaceWith.apply(this, nodes);
  };
}
