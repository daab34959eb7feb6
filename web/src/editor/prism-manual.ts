/**
 * Prism, once loaded, colours every `code[class*="language-"]` on the page by itself unless
 * told it runs manually; in an embed that would rewrite the host page's code samples. This
 * module runs before Prism is imported (code-languages.ts imports it first).
 */
(globalThis as { Prism?: { manual: boolean } }).Prism ??= { manual: true };
