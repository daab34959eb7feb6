/**
 * Headless Lexical editors bound to Y.Docs the way the app's collaboration plugin binds
 * them, for binding-level tests without a browser (issue 19): edits go from Lexical to Yjs
 * with the binding as origin, everything else comes back.
 */
import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { createHeadlessEditor } from '@lexical/headless';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { createBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import { $getRoot, SKIP_COLLAB_TAG, type Klass, type LexicalEditor, type LexicalNode } from 'lexical';
import * as Y from 'yjs';
import { keepOneCopyOfLinks } from '../../src/editor/binding/concurrent-links.js';
import { keepOneCopyOfMoves } from '../../src/editor/binding/concurrent-moves.js';
import { installLosslessBinding } from '../../src/editor/binding/lossless-binding.js';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';
import { keepRemoteChangesUntransformed } from '../../src/editor/binding/untransformed-remote.js';

const noop = (): void => undefined;
/** A provider that connects nowhere: the tests pass updates between documents themselves. */
export const provider = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    off: noop,
    on: noop,
    setLocalState: noop,
    setLocalStateField: noop,
  },
  connect: noop,
  disconnect: noop,
  off: noop,
  on: noop,
} as unknown as Provider;

/** A provider whose own awareness state holds a caret at `where()` (a relative position). */
export function providerWithCaret(where: () => Y.RelativePosition | null): Provider {
  const state = {
    get anchorPos() {
      return where();
    },
    get focusPos() {
      return where();
    },
    name: 'Grace',
    color: '#1971c2',
    focusing: true,
    awarenessData: {},
  };
  return { ...provider, awareness: { ...provider.awareness, getLocalState: () => state } } as Provider;
}

const TEST_NODES = [HeadingNode, QuoteNode, CodeNode, CodeHighlightNode, ListNode, ListItemNode, LinkNode];

/**
 * An editor on `doc`; with `isLossless`, the binding fixes are installed (for good: they patch
 * classes). `nodes`: the node classes it knows (all the app's for a fuzz dump's tables and images).
 */
export function headlessClient(
  doc: Y.Doc,
  isLossless: boolean,
  withProvider: Provider = provider,
  nodes: ReadonlyArray<Klass<LexicalNode>> = TEST_NODES,
): LexicalEditor {
  const editor = createHeadlessEditor({
    nodes: [...nodes],
    onError: (err) => {
      throw err;
    },
  });
  const binding = createBinding(editor, withProvider, 'main', doc, new Map([['main', doc]]));
  if (isLossless) {
    installLosslessBinding(binding.root.getSharedType());
    keepRemoteChangesUntransformed(editor);
  }
  editor.registerUpdateListener((payload) => {
    // As the collaboration plugin: remote changes too, for the merges their normalization makes.
    if (payload.tags.has(SKIP_COLLAB_TAG)) return;
    const { prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags } = payload;
    syncLexicalUpdateToYjs(
      binding,
      withProvider,
      prevEditorState,
      editorState,
      dirtyElements,
      dirtyLeaves,
      normalizedNodes,
      tags,
    );
  });
  binding.root.getSharedType().observeDeep((events, tr) => {
    if (tr.origin !== binding) syncYjsChangesToLexical(binding, withProvider, events as never, false);
  });
  return editor;
}

/** The editor's text, blocks separated by blank lines (`editor.read` first applies what Yjs queued). */
export const headlessText = (editor: LexicalEditor): string => editor.read(() => $getRoot().getTextContent());

/** Sends each document what the other lacks, `rounds` times (writes made on receipt travel too). */
export function exchange(a: Y.Doc, b: Y.Doc, rounds = 1): void {
  for (let round = 0; round < rounds; round++) {
    const [toA, toB] = [
      Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)),
      Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)),
    ];
    Y.applyUpdate(a, toA, 'remote');
    Y.applyUpdate(b, toB, 'remote');
  }
}

/** The rescues run in a microtask after a transaction: one turn of the event loop lets them finish. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** One person: their document and the headless editor bound to it. */
export interface Person {
  doc: Y.Doc;
  editor: LexicalEditor;
}

/**
 * A person with a fixed client id (so which of two conflicting moves wins is known) whose
 * document keeps moved text and one copy of moved blocks, as the editor's binding does.
 */
export function movingPerson(clientID: number): Person {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  keepMovedAwayText(doc);
  keepOneCopyOfMoves(doc);
  keepOneCopyOfLinks(doc);
  return { doc, editor: headlessClient(doc, true) };
}

/** Exchanges between each pair of `people` until all have everything (rescues write on receipt). */
export async function syncPeople(people: Person[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const [i, a] of people.entries()) for (const b of people.slice(i + 1)) exchange(a.doc, b.doc);
    for (const person of people) person.editor.read(() => undefined);
    await settle();
  }
}

/** As `syncPeople`, but each pair exchanges both ways round every round; their texts. */
export async function syncEveryWay(people: Person[]): Promise<string[]> {
  for (let round = 0; round < 3; round++) {
    for (const a of people) for (const b of people) if (a !== b) exchange(a.doc, b.doc);
    for (const { editor } of people) editor.read(() => undefined);
    await settle();
  }
  return people.map(({ editor }) => headlessText(editor));
}

/**
 * Ada (client 1) and Grace (`graceId`: 2, or 0 to make her the winner of conflicting move
 * notes), after Ada wrote `build` and both took it in.
 */
export async function twoMovingPeople(
  graceId: number,
  build: () => void,
): Promise<[LexicalEditor, LexicalEditor, Y.Doc, Y.Doc]> {
  const [{ doc: ada, editor: a }, { doc: grace, editor: b }] = [movingPerson(1), movingPerson(graceId)];
  a.update(build, { discrete: true });
  exchange(ada, grace);
  for (const editor of [a, b]) editor.read(() => undefined);
  await settle();
  return [a, b, ada, grace];
}

/** Exchanges until both have everything (rescues write on receipt); their texts. */
export async function mergeTwo(a: LexicalEditor, b: LexicalEditor, docA: Y.Doc, docB: Y.Doc): Promise<string[]> {
  for (let round = 0; round < 3; round++) {
    exchange(docA, docB);
    for (const editor of [a, b]) editor.read(() => undefined);
    await settle();
  }
  return [headlessText(a), headlessText(b)];
}

/** The words of `text`, sorted: each must be there once, wherever it landed. */
export const sortedWords = (text: string): string[] =>
  text
    .split(/\s+/)
    .filter((word) => word !== '')
    .sort();

/**
 * An undo manager over what `editor` writes, as the collaboration plugin makes one: it tracks
 * the binding's origin (the first object origin of a local transaction); `captureTimeout` is
 * how long one undo step gathers edits (`@lexical/yjs` uses 500 ms).
 */
export function undoManagerOf(doc: Y.Doc, editor: LexicalEditor, captureTimeout = 0): Y.UndoManager {
  const origins = new Set<unknown>([null]);
  doc.on('beforeTransaction', (transaction: Y.Transaction) => {
    if (transaction.local && typeof transaction.origin === 'object' && transaction.origin !== null) {
      if (!(transaction.origin instanceof Y.UndoManager) && origins.size === 1) origins.add(transaction.origin);
    }
  });
  editor.update(() => $getRoot().getFirstChildOrThrow().selectEnd(), { discrete: true });
  return new Y.UndoManager(doc.get('root', Y.XmlText), { trackedOrigins: origins, captureTimeout });
}
