import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMConversionMap,
  type DOMConversionOutput,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import { MAX_ALT_TEXT_LENGTH, MAX_IMAGE_WIDTH } from './image-source.js';
import { textBesideImage } from './image-spacing.js';

/**
 * An image in a document (SPEC: Files (images)): its source, alt text and an optional width
 * in CSS pixels. Stored in Yjs as an `XmlElement` whose attributes are `__src`,
 * `__altText` and `__width` (node-schema.ts says which values pass). This class has no
 * React in it, so the server's headless conversions and the editor register the same node;
 * the editor draws the picture into the element `createDOM` makes (web: ImagesPlugin).
 * Sources are stored as written, without tokens; whether one may be stored is checked by
 * whoever has the document's name (server: update-structure.ts, editor: ImagesPlugin).
 */
export type SerializedImageNode = Spread<{ src: string; altText: string; width: number | null }, SerializedLexicalNode>;

/** The little of the DOM this module touches (shared code is compiled without DOM typings). */
interface ImageElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}
interface DomDocument {
  createElement(tag: string): ImageElement & { className: string };
}
const dom = (): DomDocument => (globalThis as unknown as { document: DomDocument }).document;

export class ImageNode extends DecoratorNode<null> {
  __src: string;
  __altText: string;
  __width: number | null;

  static override getType(): string {
    return 'image';
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(node.__src, node.__altText, node.__width, node.__key);
  }

  constructor(src = '', altText = '', width: number | null = null, key?: NodeKey) {
    super(key);
    this.__src = src;
    this.__altText = altText;
    this.__width = width;
  }

  static override importJSON(json: SerializedImageNode): ImageNode {
    return $createImageNode({ src: json.src, altText: json.altText, width: json.width });
  }

  override exportJSON(): SerializedImageNode {
    return { ...super.exportJSON(), src: this.__src, altText: this.__altText, width: this.__width };
  }

  static override importDOM(): DOMConversionMap | null {
    return { img: () => ({ conversion: convertImageElement, priority: 0 }), '#text': textBesideImage };
  }

  override exportDOM(): DOMExportOutput {
    const img = dom().createElement('img');
    img.setAttribute('src', this.__src);
    img.setAttribute('alt', this.__altText);
    if (this.__width !== null) img.setAttribute('width', String(this.__width));
    return { element: img as unknown as DOMExportOutput['element'] };
  }

  override createDOM(config: EditorConfig): never {
    const span = dom().createElement('span');
    const className = (config.theme as { image?: string }).image;
    if (className) span.className = className;
    return span as never;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): true {
    return true;
  }

  override getTextContent(): string {
    return '';
  }

  override decorate(): null {
    return null;
  }

  getSrc(): string {
    return this.getLatest().__src;
  }

  getAltText(): string {
    return this.getLatest().__altText;
  }

  getWidth(): number | null {
    return this.getLatest().__width;
  }

  setSrc(src: string): this {
    const writable = this.getWritable();
    writable.__src = src;
    return writable;
  }

  setAltText(altText: string): this {
    const writable = this.getWritable();
    writable.__altText = altText.slice(0, MAX_ALT_TEXT_LENGTH);
    return writable;
  }

  setWidth(width: number | null): this {
    const writable = this.getWritable();
    writable.__width = clampWidth(width);
    return writable;
  }
}

/** A width the schema accepts: a whole number of pixels from 1 to MAX_IMAGE_WIDTH, or none. */
export function clampWidth(width: number | null): number | null {
  if (width === null || !Number.isFinite(width) || width < 1) return null;
  return Math.min(Math.round(width), MAX_IMAGE_WIDTH);
}

function convertImageElement(element: ImageElement): DOMConversionOutput {
  const src = element.getAttribute('src') ?? '';
  const altText = element.getAttribute('alt') ?? '';
  const width = clampWidth(Number.parseInt(element.getAttribute('width') ?? '', 10));
  return { node: $createImageNode({ src, altText, width }) };
}

export function $createImageNode({
  src,
  altText = '',
  width = null,
}: {
  src: string;
  altText?: string;
  width?: number | null;
}): ImageNode {
  return $applyNodeReplacement(new ImageNode(src, altText.slice(0, MAX_ALT_TEXT_LENGTH), clampWidth(width)));
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}
