/**
 * Images in the editor (SPEC: Files (images), Web): added from the toolbar's file picker,
 * by pasting or dropping image files, uploaded through `ImageFiles` (the source is stored
 * at once, the bytes follow); drawn into each image node's element; alt text and width
 * edited in a dialog. Sources the server would refuse never reach the shared document
 * (`image-nodes.ts`), so the editor never sends an update the server refuses and never
 * loads such a source.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $isImageNode } from '@quire/shared/lexical';
import { isAllowedImageSrc } from '@quire/shared';
import {
  $getNodeByKey,
  COMMAND_PRIORITY_HIGH,
  DRAGOVER_COMMAND,
  DROP_COMMAND,
  PASTE_COMMAND,
  type LexicalEditor,
  type NodeKey,
} from 'lexical';
import { useEffect, useReducer, useRef, useState, type JSX, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { IMAGE_FILE_TYPES, OPEN_IMAGE_PICKER_COMMAND, type ImageFiles } from '../image-files.js';
import { ImageOptions } from '../ImageOptions.js';
import { ImageView } from '../ImageView.js';
import { acceptFileDrag, addFiles, takeFiles } from './image-input.js';
import { removeImages, useImageNodes, type ImageData } from './image-nodes.js';

export interface ImagesPluginProps {
  docName: string;
  images: ImageFiles | undefined;
}

export function ImagesPlugin({ docName, images }: ImagesPluginProps): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const shown = useImageNodes(editor, docName, images);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<NodeKey | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  useImageCommands(editor, images, picker, setNotice);
  useUploadEvents(editor, images, setNotice);
  const isEditable = useIsEditable(editor);
  const editingData = editing === null ? undefined : shown.get(editing);
  return (
    <>
      <ImagePicker picker={picker} onFiles={(files) => void addFiles(editor, images, files, setNotice)} />
      {[...shown].map(([key, data]) => {
        const element = editor.getElementByKey(key);
        if (element === null) return null;
        const view = viewOf(data, images, isEditable, () => setEditing(key));
        return createPortal(view, element, key);
      })}
      {editingData && editing !== null && (
        <ImageOptions
          altText={editingData.altText}
          width={editingData.width}
          onClose={() => setEditing(null)}
          onSave={(altText, width) => {
            setEditing(null);
            saveOptions(editor, editing, altText, width);
          }}
        />
      )}
      {notice !== null && <ImageNotice notice={notice} onDismiss={() => setNotice(null)} />}
    </>
  );
}

/** The toolbar image button's hidden file chooser. */
function ImagePicker({
  picker,
  onFiles,
}: {
  picker: RefObject<HTMLInputElement | null>;
  onFiles(files: File[]): void;
}): JSX.Element {
  return (
    <input
      ref={picker}
      type="file"
      accept={IMAGE_FILE_TYPES.join(',')}
      multiple
      hidden
      aria-hidden="true"
      tabIndex={-1}
      onChange={(event) => {
        const files = [...(event.target.files ?? [])];
        event.target.value = '';
        onFiles(files);
      }}
    />
  );
}

/** Alt text and width from the options dialog, as one change (one undo step). */
function saveOptions(editor: LexicalEditor, key: NodeKey, altText: string, width: number | null): void {
  editor.update(() => {
    const node = $getNodeByKey(key);
    if ($isImageNode(node)) node.setAltText(altText).setWidth(width);
  });
}

function viewOf(data: ImageData, images: ImageFiles | undefined, isEditable: boolean, onEdit: () => void): JSX.Element {
  return (
    <ImageView
      {...data}
      displayUrl={displayUrlOf(images, data.src)}
      isPending={images?.isPending(data.src) ?? false}
      isEditable={isEditable}
      onEdit={onEdit}
    />
  );
}

function ImageNotice({ notice, onDismiss }: { notice: string; onDismiss: () => void }): JSX.Element {
  return (
    <div className="q-notice q-notice-error" role="alert" data-notice="image-refused">
      <span>{notice}</span>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** Without an `ImageFiles`, only `https:` images are drawn, straight from their source. */
function displayUrlOf(images: ImageFiles | undefined, src: string): string | undefined {
  if (images) return images.displayUrl(src);
  return isAllowedImageSrc(src, undefined) ? src : undefined;
}

function useIsEditable(editor: LexicalEditor): boolean {
  const [isEditable, setEditable] = useState(editor.isEditable());
  useEffect(() => editor.registerEditableListener(setEditable), [editor]);
  return isEditable;
}

/** The toolbar's picker, pasted and dropped files. */
function useImageCommands(
  editor: LexicalEditor,
  images: ImageFiles | undefined,
  picker: RefObject<HTMLInputElement | null>,
  onRefused: (message: string) => void,
): void {
  useEffect(() => {
    const add = (files: File[]): void => void addFiles(editor, images, files, onRefused);
    const openPicker = (): boolean => {
      picker.current?.click();
      return true;
    };
    return mergeRegister(
      editor.registerCommand(OPEN_IMAGE_PICKER_COMMAND, openPicker, COMMAND_PRIORITY_HIGH),
      editor.registerCommand(PASTE_COMMAND, (event) => takeFiles(event, add), COMMAND_PRIORITY_HIGH),
      editor.registerCommand(DROP_COMMAND, (event) => takeFiles(event, add), COMMAND_PRIORITY_HIGH),
      editor.registerCommand(DRAGOVER_COMMAND, acceptFileDrag, COMMAND_PRIORITY_HIGH),
    );
  }, [editor, images, picker, onRefused]);
}

/** Redraws when uploads change; a refused upload's images go, with a message. */
function useUploadEvents(
  editor: LexicalEditor,
  images: ImageFiles | undefined,
  onRefused: (message: string) => void,
): void {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(
    () =>
      images?.subscribe((event) => {
        if (event.refusal !== undefined) {
          removeImages(editor, event.src);
          onRefused(event.refusal);
        }
        rerender();
      }),
    [editor, images, onRefused],
  );
}
