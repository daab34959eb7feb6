import { describe, expect, it } from 'vitest';
import { $isDecoratorNode, $isElementNode } from 'lexical';
import { NODE_SCHEMAS, isAllowedProperty } from '@quire/shared';
import { openHeadlessSession } from './headless.js';

/**
 * The node schema the server checks updates against (issue #18) must match what the
 * editor's binding writes: a property it syncs but the schema lacks would get every
 * editor that uses it disconnected.
 */
describe('NODE_SCHEMAS matches the binding of the editor node list', () => {
  const session = openHeadlessSession();
  // Lexical's own placeholder for unknown nodes; never stored.
  const properties = [...session.binding.nodeProperties].filter(([type]) => type !== 'artificial');
  session.dispose();

  it.each(properties)('%s: the same property names, and its defaults are allowed', (type, defaults) => {
    const schema = NODE_SCHEMAS.get(type);
    expect(schema).toBeDefined();
    expect(Object.keys(schema!.keys).sort()).toEqual(
      Object.keys(defaults)
        .filter((key) => key !== '__type')
        .sort(),
    );
    for (const [key, value] of Object.entries(defaults)) {
      // An image is always made with its source (ImageNode's default, '', is never stored).
      if (type === 'image' && key === '__src') continue;
      expect(isAllowedProperty(type, key, value), `${key}: ${String(value)}`).toBe(true);
    }
  });

  it('each node is stored as the shared type its kind needs', () => {
    const { editor } = openHeadlessSession();
    editor.update(
      () => {
        for (const [type, { klass }] of editor._nodes) {
          if (type === 'artificial') continue;
          const node = new klass();
          const kind = $isElementNode(node) ? 'element' : $isDecoratorNode(node) ? 'decorator' : 'leaf';
          expect(NODE_SCHEMAS.get(type)?.kind, type).toBe(kind);
        }
      },
      { discrete: true },
    );
  });
});
