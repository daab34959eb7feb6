/**
 * The standalone bundle served at `/embed.js` (issue 7): one script tag puts
 * `Quire.mountEditor` on the page, with React, Lexical, Yjs and the styles inside.
 * `serverUrl` defaults to the server the script came from, so the usual snippet names
 * only the element and the document.
 */
import { mountEditor as mountInto } from './mount-editor.js';
import type { MountedEditor, MountEditorOptions } from './types.js';

export type ScriptMountOptions = Omit<MountEditorOptions, 'serverUrl'> & { serverUrl?: string };

/** Read while the script runs: `document.currentScript` is only set then. */
const SCRIPT_ORIGIN = ((): string | undefined => {
  const script = document.currentScript;
  return script instanceof HTMLScriptElement && script.src !== '' ? new URL(script.src).origin : undefined;
})();

/**
 * `Quire.mountEditor(element, { docName, token, user, … })`: mounts an editor into
 * `element` (or the element a CSS selector names). See the library's `mountEditor`.
 */
export function mountEditor(element: HTMLElement | string, options: ScriptMountOptions): MountedEditor {
  const target = typeof element === 'string' ? document.querySelector<HTMLElement>(element) : element;
  if (target === null) throw new Error(`Quire.mountEditor: no element matches ${String(element)}`);
  const serverUrl = options.serverUrl ?? SCRIPT_ORIGIN;
  if (serverUrl === undefined) throw new Error('Quire.mountEditor: pass serverUrl (the Quire server address)');
  return mountInto(target, { ...options, serverUrl });
}
