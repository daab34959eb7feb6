/**
 * A copy of a document takes its uploaded images along (SPEC: Files (images)): an image may
 * show only its own document's files, so the copy's images are pointed at the copy's file
 * addresses, and the files are uploaded to the copy once it exists.
 */
import * as Y from 'yjs';
import { fileIdOf, fileUrl } from '@quire/shared';

/** `state` with every image showing a file of `from` pointed at the same file of `to`, and those file ids. */
export function retargetImages(state: Uint8Array, from: string, to: string): { update: Uint8Array; fileIds: string[] } {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const fileIds = new Set<string>();
    doc.transact(() => {
      const pending: Y.XmlText[] = [doc.get('root', Y.XmlText)];
      for (let text = pending.pop(); text !== undefined; text = pending.pop()) {
        for (const op of text.toDelta() as Array<{ insert: unknown }>) {
          if (op.insert instanceof Y.XmlText) pending.push(op.insert);
          if (op.insert instanceof Y.XmlElement) retarget(op.insert, from, to, fileIds);
        }
      }
    });
    return { update: Y.encodeStateAsUpdate(doc), fileIds: [...fileIds] };
  } finally {
    doc.destroy();
  }
}

function retarget(image: Y.XmlElement, from: string, to: string, fileIds: Set<string>): void {
  const src: unknown = image.getAttribute('__src');
  const id = typeof src === 'string' ? fileIdOf(src, from) : undefined;
  if (id === undefined) return;
  image.setAttribute('__src', fileUrl(to, id));
  fileIds.add(id);
}
