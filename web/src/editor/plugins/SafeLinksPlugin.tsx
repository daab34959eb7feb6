import { AutoLinkNode, LinkNode } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $getSelection, $isRangeSelection, type LexicalEditor, type NodeKey, type NodeMutation } from 'lexical';
import { useEffect } from 'react';

/**
 * Links in the document open in a new tab that cannot reach back to the editor (issue #18,
 * reverse tabnabbing). Lexical's ClickableLinkPlugin opens them with
 * `window.open(url, '_blank')`, which hands the linked page `window.opener`: it could
 * navigate the editor's tab to a look-alike login page. Here a click opens the link with
 * `noopener,noreferrer`, and every rendered anchor carries `rel="noopener noreferrer"`,
 * whatever `rel` a collaborator stored, for the tabs the browser opens itself (middle
 * click, context menu, dragging).
 */
export const SAFE_LINK_REL = 'noopener noreferrer';

export function SafeLinksPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const markAnchors = (mutations: Map<NodeKey, NodeMutation>): void => {
      for (const [key, mutation] of mutations) {
        if (mutation === 'destroyed') continue;
        const element = editor.getElementByKey(key);
        if (element instanceof HTMLAnchorElement) element.rel = SAFE_LINK_REL;
      }
    };
    return mergeRegister(
      editor.registerMutationListener(LinkNode, markAnchors),
      editor.registerMutationListener(AutoLinkNode, markAnchors),
      editor.registerRootListener((root, previous) => {
        previous?.removeEventListener('click', openLink);
        previous?.removeEventListener('auxclick', openLink);
        root?.addEventListener('click', openLink);
        root?.addEventListener('auxclick', openLink);
      }),
    );

    function openLink(event: MouseEvent): void {
      // Only the middle button follows a link on `auxclick`; the others have their own jobs.
      if (event.type === 'auxclick' && event.button !== 1) return;
      const anchor = event.target instanceof Element ? event.target.closest('a') : null;
      if (anchor === null || !anchor.hasAttribute('href')) return;
      event.preventDefault();
      // Selecting a link's text must not follow it.
      if (hasSelectedText(editor)) return;
      window.open(anchor.href, '_blank', 'noopener,noreferrer');
    }
  }, [editor]);
  return null;
}

function hasSelectedText(editor: LexicalEditor): boolean {
  return editor.read('latest', () => {
    const selection = $getSelection();
    return $isRangeSelection(selection) && !selection.isCollapsed();
  });
}
