import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdateStructure } from './update-structure.js';
import { recordEditorHistory } from '../../test/editor-updates.js';

describe('checkUpdateStructure (issue #18)', () => {
  it('accepts every update the editor writes, one by one and as one state', () => {
    const { updates, state } = recordEditorHistory();
    const doc = new Y.Doc();
    for (const update of updates) {
      expect(() => checkUpdateStructure(update, doc)).not.toThrow();
      Y.applyUpdate(doc, update);
    }
    expect(() => checkUpdateStructure(state, new Y.Doc())).not.toThrow();
    expect(() => checkUpdateStructure(state, doc)).not.toThrow();
  });
});
