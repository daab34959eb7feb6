import { $getRoot } from 'lexical';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { openSessionFromState } from '../src/content/headless.js';
import { RENDER_FORMATS } from '../src/content/formats.js';

/** What a user relies on after any accepted or refused update: the document still opens. */
export const docUrl = (base: string, docName: string): string => `${base}/api/docs/${encodeURIComponent(docName)}`;

export async function putMarkdown(base: string, docName: string, markdown: string): Promise<void> {
  const res = await fetch(docUrl(base, docName), {
    method: 'PUT',
    headers: { 'Content-Type': 'text/markdown' },
    body: markdown,
  });
  expect(res.status).toBeLessThan(300);
}

export async function stateOf(base: string, docName: string): Promise<Uint8Array> {
  const res = await fetch(`${docUrl(base, docName)}?format=yjs`);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** Every format renders (200), and the stored state opens in a fresh editor bound to Yjs. */
export async function expectDocumentOpens(base: string, docName: string): Promise<string> {
  for (const format of RENDER_FORMATS) {
    const res = await fetch(`${docUrl(base, docName)}?format=${format}`);
    const body = await res.text();
    expect(res.status, `?format=${format}: ${body.slice(0, 200)}`).toBe(200);
  }
  const session = openSessionFromState(await stateOf(base, docName));
  try {
    const yjsText = session.doc.get('root', Y.XmlText).toString();
    const text = session.editor.read(() => $getRoot().getTextContent());
    // An editor that cannot read the tree shows it empty while Yjs still holds the text.
    if (yjsText.replace(/<[^>]*>/g, '').trim() !== '') expect(text.trim()).not.toBe('');
    return text;
  } finally {
    session.dispose();
  }
}

/** The update a change to a copy of `state` makes: how a hand-made attack is built. */
export function updateFrom(state: Uint8Array, change: (root: Y.XmlText, doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateVector(doc);
  change(doc.get('root', Y.XmlText), doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The update the editor makes when someone types `text` at the end of the document. */
export function typingUpdate(state: Uint8Array, text: string): Uint8Array {
  const session = openSessionFromState(state);
  const updates: Uint8Array[] = [];
  session.doc.on('update', (update: Uint8Array) => updates.push(update));
  try {
    session.editor.update(() => $getRoot().selectEnd().insertText(text), { discrete: true });
  } finally {
    session.dispose();
  }
  return Y.mergeUpdates(updates);
}

/**
 * The shared types of the editor's tree, depth first: elements (XmlText), text nodes (Map)
 * and decorators such as images (XmlElement).
 */
export function sharedNodes(root: Y.XmlText): Array<Y.XmlText | Y.Map<unknown> | Y.XmlElement> {
  const found: Array<Y.XmlText | Y.Map<unknown> | Y.XmlElement> = [];
  const visit = (type: Y.XmlText): void => {
    for (const op of type.toDelta() as Array<{ insert: unknown }>) {
      if (op.insert instanceof Y.Map || op.insert instanceof Y.XmlElement) found.push(op.insert);
      if (op.insert instanceof Y.XmlText) {
        found.push(op.insert);
        visit(op.insert);
      }
    }
  };
  visit(root);
  return found;
}

export const nodesOfType = (root: Y.XmlText, type: string): Array<Y.XmlText | Y.Map<unknown> | Y.XmlElement> =>
  sharedNodes(root).filter((node) =>
    node instanceof Y.Map ? node.get('__type') === type : node.getAttribute('__type') === type,
  );
