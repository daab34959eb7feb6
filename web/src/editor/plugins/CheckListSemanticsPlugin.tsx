/**
 * Keeps check lists valid lists for assistive technology (issue 19). Lexical renders a
 * check item as `<li role="checkbox" aria-checked>`, which takes the item out of its list
 * (a list may only hold list items) and puts a checkbox inside the text box. Here each
 * item stays a list item and says whether it is done through its description, which
 * points at one of two hidden words. The item keeps Lexical's tabindex, so clicking and
 * Space on the box still toggle it.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isListItemNode, $isListNode, ListItemNode } from '@lexical/list';
import { $getNodeByKey, type LexicalEditor, type NodeKey } from 'lexical';
import { useEffect, useId, type JSX } from 'react';

interface StateIds {
  checked: string;
  unchecked: string;
}

/** The description id for the item under `key`, or null when it is not a check item. */
function $describedByOf(key: NodeKey, ids: StateIds): string | null {
  const node = $getNodeByKey(key);
  if (!$isListItemNode(node)) return null;
  const parent = node.getParent();
  const isCheckItem = $isListNode(parent) && parent.getListType() === 'check' && !$isListNode(node.getFirstChild());
  if (!isCheckItem) return null;
  return node.getChecked() ? ids.checked : ids.unchecked;
}

function fixItem(editor: LexicalEditor, key: NodeKey, ids: StateIds): void {
  const dom = editor.getElementByKey(key);
  if (dom === null) return;
  const describedBy = editor.read(() => $describedByOf(key, ids));
  if (dom.getAttribute('role') === 'checkbox') dom.removeAttribute('role');
  dom.removeAttribute('aria-checked');
  if (describedBy === null) dom.removeAttribute('aria-describedby');
  else dom.setAttribute('aria-describedby', describedBy);
}

const stateIds = (id: string): StateIds => ({ checked: `${id}-checked`, unchecked: `${id}-unchecked` });

export function CheckListSemanticsPlugin(): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const id = useId();
  const ids = stateIds(id);
  useEffect(
    () =>
      editor.registerMutationListener(
        ListItemNode,
        (mutations) => {
          for (const [key, mutation] of mutations) {
            if (mutation !== 'destroyed') fixItem(editor, key, stateIds(id));
          }
        },
        { skipInitialization: false },
      ),
    [editor, id],
  );
  return (
    <>
      <span id={ids.checked} hidden>
        Done
      </span>
      <span id={ids.unchecked} hidden>
        Not done
      </span>
    </>
  );
}
