/**
 * Image files coming in (SPEC: Web, images by button, paste or drop): taken from a paste
 * or a drop when they carry image files, and added through `ImageFiles` at the selection.
 */
import { $createImageNode } from '@quire/shared/lexical';
import { $getRoot, $getSelection, $insertNodes, type LexicalEditor } from 'lexical';
import type { ImageFiles } from '../image-files.js';

/** Handles a paste or drop carrying image files; false leaves the event to others. */
export function takeFiles(
  event: ClipboardEvent | DragEvent | InputEvent | KeyboardEvent,
  add: (files: File[]) => void,
): boolean {
  const transfer = 'clipboardData' in event ? event.clipboardData : 'dataTransfer' in event ? event.dataTransfer : null;
  const files = [...(transfer?.files ?? [])].filter((file) => file.type.startsWith('image/'));
  if (files.length === 0) return false;
  event.preventDefault();
  add(files);
  return true;
}

/** Lets files be dropped on the document. */
export function acceptFileDrag(event: DragEvent): boolean {
  if (!event.dataTransfer?.types.includes('Files')) return false;
  event.preventDefault();
  return true;
}

/** Adds each file as an image at the selection; a refusal becomes `onRefused`'s message. */
export async function addFiles(
  editor: LexicalEditor,
  images: ImageFiles | undefined,
  files: File[],
  onRefused: (message: string) => void,
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
      onRefused(err instanceof Error ? err.message : 'The image could not be added.');
    }
  }
}
