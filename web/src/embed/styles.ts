/**
 * The embeds' CSS travels inside the JavaScript (issue 7: one script tag, nothing else
 * to load) and is added to the page once, on the first mount. Everything in it is scoped
 * under `.q-root`, so it never restyles the host page.
 */
import blocksCss from '../styles/blocks.css?inline';
import caretsCss from '../styles/carets.css?inline';
import chromeCss from '../styles/chrome.css?inline';
import commentsCss from '../styles/comments.css?inline';
import editorCss from '../styles/editor.css?inline';
import embedCss from '../styles/embed.css?inline';
import imagesCss from '../styles/images.css?inline';
import themeCss from '../styles/theme.css?inline';

const STYLE_ELEMENT_ID = 'quire-editor-styles';

export function ensureStyles(doc: Document = document): void {
  if (doc.getElementById(STYLE_ELEMENT_ID) !== null) return;
  const style = doc.createElement('style');
  style.id = STYLE_ELEMENT_ID;
  style.textContent = [themeCss, chromeCss, editorCss, caretsCss, imagesCss, blocksCss, commentsCss, embedCss].join(
    '\n',
  );
  // First in <head>, so the host's own rules win over ours at equal specificity.
  doc.head.prepend(style);
}
