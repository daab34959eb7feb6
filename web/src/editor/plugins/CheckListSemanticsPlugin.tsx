/**
 * Keeps check lists valid lists for assistive technology (issue 19). Lexical renders a
 * check item as `<li role="checkbox" aria-checked tabindex="-1">` on every render of the
 * item, which takes it out of its list (a list may only hold list items) and puts a
 * checkbox inside the text box. After each render, each such item goes back to being a
 * list item and says whether it is done through its description, which points at one of
 * two hidden words. The tabindex stays, so clicking and Space on the box still toggle it.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, useState, type JSX } from 'react';

interface StateIds {
  checked: string;
  unchecked: string;
}

const stateIds = (id: string): StateIds => ({ checked: `${id}-checked`, unchecked: `${id}-unchecked` });

function fixCheckItems(root: HTMLElement, ids: StateIds): void {
  for (const item of root.querySelectorAll<HTMLElement>('li[role="checkbox"]')) {
    const isChecked = item.getAttribute('aria-checked') === 'true';
    item.removeAttribute('role');
    item.removeAttribute('aria-checked');
    item.setAttribute('aria-describedby', isChecked ? ids.checked : ids.unchecked);
  }
  // Lexical drops the tabindex of an item that stops being a check item: so does its state.
  for (const item of root.querySelectorAll<HTMLElement>('li[aria-describedby]:not([tabindex])')) {
    item.removeAttribute('aria-describedby');
  }
}

export function CheckListSemanticsPlugin(): JSX.Element {
  const [editor] = useLexicalComposerContext();
  // Not useId: each embedded editor is a React root of its own, and their ids would repeat.
  const [id] = useState(() => `q-check-${Math.random().toString(36).slice(2, 10)}`);
  const ids = stateIds(id);
  useEffect(
    () =>
      editor.registerUpdateListener(() => {
        const root = editor.getRootElement();
        if (root !== null) fixCheckItems(root, stateIds(id));
      }),
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
