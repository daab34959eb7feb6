import { AutoLinkPlugin, createLinkMatcherWithRegExp } from '@lexical/react/LexicalAutoLinkPlugin';
import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { TabIndentationPlugin } from '@lexical/react/LexicalTabIndentationPlugin';
import { useMemo, type JSX } from 'react';
import { isSafeLinkUrl } from '../toolbar-actions.js';
import { BlockPlugins } from './BlockPlugins.js';
import { CheckListSemanticsPlugin } from './CheckListSemanticsPlugin.js';
import { ContentRulesPlugin } from './ContentRulesPlugin.js';
import { KeyboardExitPlugin } from './KeyboardExitPlugin.js';
import { typingMarkdown } from './markdown-typing.js';
import { SafeLinksPlugin } from './SafeLinksPlugin.js';
import { ShortcutsPlugin } from './ShortcutsPlugin.js';

const URL_PATTERN =
  /((https?:\/\/(www\.)?)|(www\.))[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-zA-Z]{2,24}\b([-a-zA-Z0-9@:%_+.~#?&/=]*)/;

const LINK_MATCHERS = [
  createLinkMatcherWithRegExp(URL_PATTERN, (text) => (text.startsWith('http') ? text : `https://${text}`)),
];

/** Behaviour of the document content: lists, links, Markdown and keyboard shortcuts. */
export function ContentPlugins({ docName }: { docName: string }): JSX.Element {
  const markdown = useMemo(() => typingMarkdown(docName), [docName]);
  return (
    <>
      <ListPlugin />
      <CheckListPlugin />
      <CheckListSemanticsPlugin />
      <TabIndentationPlugin maxIndent={6} />
      <LinkPlugin validateUrl={isSafeLinkUrl} />
      <AutoLinkPlugin matchers={LINK_MATCHERS} />
      <SafeLinksPlugin />
      <ContentRulesPlugin />
      <MarkdownShortcutPlugin transformers={markdown} />
      <ShortcutsPlugin />
      <KeyboardExitPlugin />
      <BlockPlugins />
    </>
  );
}
