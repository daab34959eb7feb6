import * as Y from 'yjs';
import type { VersionInfo } from '@quire/shared';

/** Edits a Yjs document and collects the updates it produces, as a room would store them. */
export class Writer {
  readonly doc = new Y.Doc();
  readonly updates: Uint8Array[] = [];

  constructor() {
    this.doc.on('update', (update: Uint8Array) => this.updates.push(update));
  }

  type(text: string): Uint8Array {
    this.doc.getText('t').insert(this.doc.getText('t').length, text);
    return this.updates.at(-1)!;
  }

  state(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }
}

/** The text a stored log holds once merged, as a load would show it. */
export function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

export function version(id: string, label: string, state: Uint8Array): VersionInfo {
  return { id, label, author: 'contract', createdAt: new Date().toISOString(), size: state.byteLength };
}
