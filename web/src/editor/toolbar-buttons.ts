/**
 * The toolbar's buttons by name, in toolbar order (issue 7: embedders choose which ones
 * to show). Groups are separated by a divider when both sides show something.
 */
export const TOOLBAR_GROUPS = [
  ['undo', 'redo'],
  ['paragraph', 'h1', 'h2', 'h3', 'quote', 'codeBlock'],
  ['bold', 'italic', 'underline', 'strikethrough', 'code', 'link'],
  ['bullet', 'number', 'check'],
  ['alignLeft', 'alignCenter', 'alignRight', 'alignJustify'],
  ['table', 'tableMenu', 'rule', 'codeLanguage'],
  ['image'],
] as const;

export type ToolbarButtonName = (typeof TOOLBAR_GROUPS)[number][number];

export const ALL_TOOLBAR_BUTTONS: readonly ToolbarButtonName[] = TOOLBAR_GROUPS.flat();

/** `true`: every button, `false`: no toolbar, a list: those buttons. */
export type ToolbarOption = boolean | readonly ToolbarButtonName[];

export function toolbarButtonsOf(option: ToolbarOption | undefined): ReadonlySet<ToolbarButtonName> {
  if (option === false) return new Set();
  if (option === undefined || option === true) return new Set(ALL_TOOLBAR_BUTTONS);
  return new Set(option.filter((name) => ALL_TOOLBAR_BUTTONS.includes(name)));
}
