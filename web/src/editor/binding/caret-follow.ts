/**
 * One's caret stays after the characters one just typed when a collaborator's edit moves
 * them (issue 19). Yjs cannot move content: a collaborator who indents a list item or links
 * a word deletes the characters and writes a copy, and one's own characters typed meanwhile
 * are written again by the rescues (moved-text-rescue.ts, typed-after-rewrite.ts). The caret
 * was in the deleted text, so `@lexical/yjs` puts it at the end of the node before, and the
 * rest of the word being typed lands there: "rou" in one block and "nd0" in another, or
 * "hello oreword m" around a link.
 *
 * So each local edit notes the text just before the caret in its block (moving the caret
 * away drops the note; a remote change never makes one). When a remote
 * change leaves the caret somewhere that text does not end, and the text is found once in
 * the document (where the copy or the rescue put it), the caret goes right after it.
 * Fewer than MIN_CONTEXT characters (" w" typed into an empty block, or at a block's start)
 * are looked for only as a whole block's text, which chance rarely matches. Not looking for
 * them at all left the caret where `@lexical/yjs` put it (the end of another line, or the
 * document's start) and the rest of the word went there, away from its first letter
 * ("w alpha0020kq"; editing fuzz seeds 7 and 14: "0020kq w").
 */
import {
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  $getNodeByKey,
  COLLABORATION_TAG,
  type LexicalEditor,
  type LexicalNode,
  type TextNode,
} from 'lexical';

/** Characters before the caret that are looked for. */
const CONTEXT_LENGTH = 32;
/** Fewer would match by chance anywhere but as a whole block. */
const MIN_CONTEXT = 3;
/** Remote changes after which a caret not found again is left where it is. */
const MAX_TRIES = 4;
const FOLLOW_TAG = 'quire-caret-follow';

interface Context {
  before: string;
  after: string;
}

interface Noted extends Context {
  tries: number;
}

interface Spot {
  node: TextNode;
  offset: number;
}

/** The nearest ancestor that is a block (not inline). */
function blockOf(node: LexicalNode): LexicalNode | null {
  let parent = node.getParent();
  while (parent !== null && $isElementNode(parent) && parent.isInline()) parent = parent.getParent();
  return parent;
}

/** The text of each block, with where each of its text nodes starts in it. */
function blocksText(): Map<string, { text: string; nodes: Array<{ node: TextNode; start: number }> }> {
  const blocks = new Map<string, { text: string; nodes: Array<{ node: TextNode; start: number }> }>();
  for (const node of $getRoot().getAllTextNodes()) {
    const key = blockOf(node)?.getKey() ?? '';
    const block = blocks.get(key) ?? blocks.set(key, { text: '', nodes: [] }).get(key)!;
    block.nodes.push({ node, start: block.text.length });
    block.text += node.getTextContent();
  }
  return blocks;
}

/** The text before and after the caret in its block, or null without a caret in text. */
function $caretContext(): Context | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed() || selection.anchor.type !== 'text') return null;
  const node = selection.anchor.getNode();
  const block = blockOf(node);
  if (!$isTextNode(node) || block === null || !$isElementNode(block)) return null;
  let text = '';
  let at = -1;
  for (const part of block.getAllTextNodes()) {
    if (part.is(node)) at = text.length + selection.anchor.offset;
    text += part.getTextContent();
  }
  if (at < 0) return null;
  return { before: text.slice(Math.max(0, at - CONTEXT_LENGTH), at), after: text.slice(at, at + CONTEXT_LENGTH) };
}

/**
 * Whether the noted context matches a block's `text` at `at`. A short one is the start of
 * its block (fewer characters come before the caret), so it must be a whole block's text.
 */
function isMatch(noted: Noted, text: string, at: number): boolean {
  if (noted.before.length >= MIN_CONTEXT) return true;
  const whole = noted.before + noted.after;
  return at === 0 && (noted.after.length < CONTEXT_LENGTH ? text === whole : text.startsWith(whole));
}

/** Where `noted.before` ends in the document, if in one place (or one place followed by `after`). */
function $findSpot(noted: Noted): Spot | null {
  const found: Array<Spot & { isFollowed: boolean }> = [];
  for (const { text, nodes } of blocksText().values()) {
    for (let at = text.indexOf(noted.before); at >= 0; at = text.indexOf(noted.before, at + 1)) {
      if (!isMatch(noted, text, at)) continue;
      const end = at + noted.before.length;
      const part = nodes.find(({ node, start }) => end > start && end <= start + node.getTextContentSize())!;
      found.push({ node: part.node, offset: end - part.start, isFollowed: text.startsWith(noted.after, end) });
    }
  }
  if (found.length === 1) return found[0]!;
  const followed = found.filter((spot) => spot.isFollowed);
  return followed.length === 1 ? followed[0]! : null;
}

const noteOf = (context: Context | null): Noted | null =>
  context !== null && context.before.length > 0 ? { ...context, tries: 0 } : null;

/** Keeps the local caret after one's own text when remote changes move that text. */
export function followOwnCaret(editor: LexicalEditor): () => void {
  let noted: Noted | null = null;
  const hasFocus = (): boolean => {
    const root = editor.getRootElement();
    return root !== null && root.contains(root.ownerDocument.activeElement);
  };
  return editor.registerUpdateListener(({ editorState, tags, dirtyLeaves, dirtyElements }) => {
    if (!hasFocus() || tags.has(FOLLOW_TAG)) return;
    const context = editorState.read($caretContext);
    const isRemote = tags.has(COLLABORATION_TAG);
    if (!isRemote && (dirtyLeaves.size > 0 || dirtyElements.size > 0)) {
      noted = noteOf(context);
      return;
    }
    // Only one's own text is followed: a caret put (or left) after someone else's letters
    // was pulled back into their word as they typed on ("w0002 w w0005jq 0003vq").
    if (noted === null) return;
    if (context?.before.endsWith(noted.before) === true || !isRemote) {
      noted = isRemote ? noteOf(context) : null;
      return;
    }
    const spot = editorState.read(() => $findSpot(noted!));
    if (spot === null) {
      if (++noted.tries >= MAX_TRIES) noted = null;
      return;
    }
    const key = spot.node.getKey();
    editor.update(() => $getNodeByKey<TextNode>(key)?.select(spot.offset, spot.offset), { tag: FOLLOW_TAG });
  });
}
