/**
 * Images in the editor (SPEC: Files (images), Web): added from the toolbar's file picker,
 * by pasting or dropping image files, uploaded through `ImageFiles` (the source is stored
 * at once, the bytes follow); drawn into each image node's element; alt text and width
 * edited in a dialog. An image whose source the server would refuse (pasted HTML with a
 * `data:` or `http:` picture, another document's file) is taken out before it reaches the
 * shared document, so the editor never sends an update the server refuses and never loads
 * such a source.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $createImageNode, $isImageNode, ImageNode } from '@quire/shared/lexical';
import { isAllowedImageSrc } from '@quire/shared';
import {
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $insertNodes,
  COMMAND_PRIORITY_HIGH,
  DRAGOVER_COMMAND,
  DROP_COMMAND,
  PASTE_COMMAND,
  type LexicalEditor,
  type NodeKey,
} from 'lexical';
import { useEffect, useReducer, useRef, useState, type JSX } from 'react';
import { createPortal } from 'react-dom';
import { IMAGE_FILE_TYPES, OPEN_IMAGE_PICKER_COMMAND, type ImageFiles } from '../image-files.js';
import { ImageOptions } from '../ImageOptions.js';
import { ImageView } from '../ImageView.js';

interface ImageData {
  src: string;
  altText: string;
  width: number | null;
}

export interface ImagesPluginProps {
  docName: string;
  images: ImageFiles | undefined;
}

export function ImagesPlugin({ docName, images }: ImagesPluginProps): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const shown = useImageNodes(editor, docName, images);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<NodeKey | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const picker = useRef<HTMLInputElement>(null);
  const [isEditable, setEditable] = useState(editor.isEditable());
  useEffect(() => editor.registerEditableListener(setEditable), [editor]);

  useEffect(() => {
    const add = (files: File[]): void => void addFiles(editor, images, files, setNotice);
    return mergeRegister(
      editor.registerCommand(OPEN_IMAGE_PICKER_COMMAND, () => (picker.current?.click(), true), COMMAND_PRIORITY_HIGH),
      editor.registerCommand(PASTE_COMMAND, (event) => takeFiles(event, add), COMMAND_PRIORITY_HIGH),
      editor.registerCommand(DROP_COMMAND, (event) => takeFiles(event, add), COMMAND_PRIORITY_HIGH),
      editor.registerCommand(DRAGOVER_COMMAND, (event) => hasFiles(event), COMMAND_PRIORITY_HIGH),
    );
  }, [editor, images]);

  useEffect(
    () =>
      images?.subscribe((event) => {
        if (event.refusal !== undefined) {
          removeImages(editor, event.src);
          setNotice(event.refusal);
        }
        rerender();
      }),
    [editor, images],
  );

  const editingData = editing === null ? undefined : shown.get(editing);
  return (
    <>
      <input
        ref={picker}
        type="file"
        accept={IMAGE_FILE_TYPES.join(',')}
        multiple
        hidden
        aria-hidden="true"
        tabIndex={-1}
        data-testid="image-picker"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          void addFiles(editor, images, files, setNotice);
        }}
      />
      {[...shown].map(([key, data]) => {
        const element = editor.getElementByKey(key);
        if (element === null) return null;
        const view = (
          <ImageView
            {...data}
            displayUrl={displayUrlOf(images, data.src)}
            isPending={images?.isPending(data.src) ?? false}
            isEditable={isEditable}
            onEdit={() => setEditing(key)}
          />
        );
        return createPortal(view, element, key);
      })}
      {editingData && editing !== null && (
        <ImageOptions
          altText={editingData.altText}
          width={editingData.width}
          onClose={() => setEditing(null)}
          onSave={(altText, width) => {
            setEditing(null);
            editor.update(() => {
              const node = $getNodeByKey(editing);
              if ($isImageNode(node)) node.setAltText(altText).setWidth(width);
            });
          }}
        />
      )}
      {notice !== null && (
        <div className="q-notice q-notice-error" role="alert" data-notice="image-refused">
          <span>{notice}</span>
          <button type="button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}

/** Without an `ImageFiles`, only `https:` images are drawn, straight from their source. */
function displayUrlOf(images: ImageFiles | undefined, src: string): string | undefined {
  if (images) return images.displayUrl(src);
  return isAllowedImageSrc(src, undefined) && !src.startsWith('/') ? src : undefined;
}

/** The image nodes of the document, kept current; refused sources are removed on sight. */
function useImageNodes(
  editor: LexicalEditor,
  docName: string,
  images: ImageFiles | undefined,
): ReadonlyMap<NodeKey, ImageData> {
  const [nodes, setNodes] = useState<ReadonlyMap<NodeKey, ImageData>>(new Map());
  useEffect(
    () =>
      mergeRegister(
        editor.registerNodeTransform(ImageNode, (node) => {
          const src = node.getSrc();
          if (isAllowedImageSrc(src, docName)) return;
          // A pasted picture inlined as data: becomes an upload of its own, in place.
          const bytes = dataUrlBytes(src);
          const adopted = bytes === undefined ? undefined : images?.addBytes(bytes);
          if (adopted === undefined) node.remove();
          else node.setSrc(adopted);
        }),
        editor.registerMutationListener(
          ImageNode,
          (mutations) => {
            const changes = editor.getEditorState().read(() =>
              [...mutations].map(([key, mutation]) => {
                const node = mutation === 'destroyed' ? null : $getNodeByKey(key);
                return [key, $isImageNode(node) ? dataOf(node) : null] as const;
              }),
            );
            setNodes((previous) => {
              const next = new Map(previous);
              for (const [key, data] of changes) {
                if (data === null) next.delete(key);
                else next.set(key, data);
              }
              return next;
            });
          },
          { skipInitialization: false },
        ),
      ),
    [editor, docName, images],
  );
  return nodes;
}

/** Pasted data: images of the accepted types, up to about the default upload limit. */
const DATA_URL = /^data:image\/(?:png|jpeg|gif|webp);base64,([A-Za-z0-9+/=]+)$/;
const MAX_DATA_URL_LENGTH = 14_000_000;

function dataUrlBytes(src: string): Uint8Array | undefined {
  if (src.length > MAX_DATA_URL_LENGTH) return undefined;
  const match = DATA_URL.exec(src);
  if (!match) return undefined;
  try {
    return Uint8Array.from(atob(match[1]!), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function dataOf(node: ImageNode): ImageData {
  return { src: node.getSrc(), altText: node.getAltText(), width: node.getWidth() };
}

function imageFilesOf(transfer: DataTransfer | null): File[] {
  return [...(transfer?.files ?? [])].filter((file) => file.type.startsWith('image/'));
}

function takeFiles(
  event: ClipboardEvent | DragEvent | InputEvent | KeyboardEvent,
  add: (files: File[]) => void,
): boolean {
  const transfer = 'clipboardData' in event ? event.clipboardData : 'dataTransfer' in event ? event.dataTransfer : null;
  const files = imageFilesOf(transfer);
  if (files.length === 0) return false;
  event.preventDefault();
  add(files);
  return true;
}

function hasFiles(event: DragEvent): boolean {
  if (!event.dataTransfer?.types.includes('Files')) return false;
  event.preventDefault();
  return true;
}

async function addFiles(
  editor: LexicalEditor,
  images: ImageFiles | undefined,
  files: File[],
  setNotice: (notice: string | null) => void,
): Promise<void> {
  if (!images || !editor.isEditable()) return;
  for (const file of files) {
    try {
      const src = await images.add(file);
      editor.update(() => {
        if ($getSelection() === null) $getRoot().selectEnd();
        $insertNodes([$createImageNode({ src, altText: '' })]);
      });
    } catch (err) {
      setNotice(err instanceof Error ? err.message : 'The image could not be added.');
    }
  }
}

function removeImages(editor: LexicalEditor, src: string): void {
  editor.update(() => {
    const pending = [...$getRoot().getChildren()];
    for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
      if ($isImageNode(node) && node.getSrc() === src) node.remove();
      else if ('getChildren' in node && typeof node.getChildren === 'function') {
        pending.push(...(node.getChildren() as typeof pending));
      }
    }
  });
}
