/**
 * The languages a code block can be set to (issue #22). `id` is what the document stores
 * (`CodeNode.__language`, the info string of a Markdown fence), `grammar` the Prism grammar
 * that colours it. Other ids, from imported Markdown, are kept and shown uncoloured.
 */
import './prism-manual.js';
import Prism from 'prismjs';
import 'prismjs/components/prism-typescript.js';
import 'prismjs/components/prism-python.js';
import 'prismjs/components/prism-json.js';
import 'prismjs/components/prism-sql.js';
import 'prismjs/components/prism-bash.js';

export interface CodeLanguage {
  id: string;
  label: string;
  grammar: string | null;
}

export const CODE_LANGUAGES: readonly CodeLanguage[] = [
  { id: 'plain', label: 'Plain text', grammar: null },
  { id: 'js', label: 'JavaScript', grammar: 'javascript' },
  { id: 'ts', label: 'TypeScript', grammar: 'typescript' },
  { id: 'python', label: 'Python', grammar: 'python' },
  { id: 'json', label: 'JSON', grammar: 'json' },
  { id: 'html', label: 'HTML', grammar: 'markup' },
  { id: 'css', label: 'CSS', grammar: 'css' },
  { id: 'sql', label: 'SQL', grammar: 'sql' },
  { id: 'bash', label: 'Bash', grammar: 'bash' },
];

/** Names people write on Markdown fences for the same languages. */
const ALIASES: Record<string, string> = {
  javascript: 'js',
  jsx: 'js',
  typescript: 'ts',
  tsx: 'ts',
  py: 'python',
  xml: 'html',
  markup: 'html',
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  postgresql: 'sql',
};

export function codeLanguageOf(stored: string | null | undefined): CodeLanguage | undefined {
  const id = (stored ?? 'plain').toLowerCase();
  return CODE_LANGUAGES.find((language) => language.id === (ALIASES[id] ?? id));
}

export function codeLanguageLabel(stored: string | null | undefined): string {
  return codeLanguageOf(stored)?.label ?? stored ?? 'Plain text';
}

/** Prism's tokens of `text` in `stored`'s language: [start, end, highlight name]. */
export function codeTokens(text: string, stored: string | null | undefined): Array<[number, number, string]> {
  const grammarName = codeLanguageOf(stored)?.grammar;
  const grammar = grammarName ? Prism.languages[grammarName] : undefined;
  if (!grammar) return [];
  const found: Array<[number, number, string]> = [];
  const walk = (tokens: Array<string | Prism.Token>, start: number, inherited: string | null): number => {
    let offset = start;
    for (const token of tokens) {
      if (typeof token === 'string') {
        if (inherited !== null) found.push([offset, offset + token.length, inherited]);
        offset += token.length;
        continue;
      }
      const name = highlightName(token) ?? inherited;
      const content =
        typeof token.content === 'string'
          ? [token.content]
          : Array.isArray(token.content)
            ? token.content
            : [token.content];
      offset = walk(content, offset, name);
    }
    return offset;
  };
  walk(Prism.tokenize(text, grammar), 0, null);
  return found;
}

/** Prism's many token types folded into the few colours of the editor's theme. */
const COLOURS: Record<string, string> = {
  comment: 'comment',
  prolog: 'comment',
  doctype: 'comment',
  cdata: 'comment',
  keyword: 'keyword',
  atrule: 'keyword',
  boolean: 'keyword',
  important: 'keyword',
  string: 'string',
  char: 'string',
  'attr-value': 'string',
  regex: 'string',
  'template-string': 'string',
  number: 'number',
  constant: 'number',
  symbol: 'number',
  function: 'function',
  'class-name': 'function',
  builtin: 'function',
  tag: 'tag',
  selector: 'tag',
  property: 'property',
  'attr-name': 'property',
  variable: 'property',
  operator: 'operator',
  punctuation: 'punctuation',
};

function highlightName(token: Prism.Token): string | null {
  const aliases = Array.isArray(token.alias) ? token.alias : token.alias ? [token.alias] : [];
  for (const type of [token.type, ...aliases]) {
    const colour = COLOURS[type];
    if (colour !== undefined) return `q-code-${colour}`;
  }
  return null;
}

export const HIGHLIGHT_NAMES = [...new Set(Object.values(COLOURS))].map((colour) => `q-code-${colour}`);
