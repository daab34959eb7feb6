import type { JSX } from 'react';

/** Stroke icons drawn on a 20×20 grid; they inherit the button's text colour. */
function Icon({ children }: { children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <svg
      viewBox="0 0 20 20"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

export const ICONS = {
  undo: (
    <Icon>
      <path d="M7 5 3.5 8.5 7 12" />
      <path d="M4 8.5h8a4 4 0 0 1 0 8H9" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="m13 5 3.5 3.5L13 12" />
      <path d="M16 8.5H8a4 4 0 0 0 0 8h3" />
    </Icon>
  ),
  image: (
    <Icon>
      <rect x="3" y="4" width="14" height="12" rx="1.5" />
      <circle cx="7.5" cy="8" r="1.5" />
      <path d="m4 15 4.5-4.5 3 3 2-2 3.5 3.5" />
    </Icon>
  ),
  link: (
    <Icon>
      <path d="M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5L10 5" />
      <path d="M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1" />
    </Icon>
  ),
  code: (
    <Icon>
      <path d="m7 6-4 4 4 4" />
      <path d="m13 6 4 4-4 4" />
    </Icon>
  ),
  codeBlock: (
    <Icon>
      <rect x="2.5" y="3.5" width="15" height="13" rx="2" />
      <path d="m8 8-2 2 2 2M12 8l2 2-2 2" />
    </Icon>
  ),
  quote: (
    <Icon>
      <path d="M4 4.5v11" />
      <path d="M8 7h8M8 10h8M8 13h5" />
    </Icon>
  ),
  bullet: (
    <Icon>
      <circle cx="4.5" cy="5.5" r="0.8" fill="currentColor" />
      <circle cx="4.5" cy="10" r="0.8" fill="currentColor" />
      <circle cx="4.5" cy="14.5" r="0.8" fill="currentColor" />
      <path d="M8 5.5h9M8 10h9M8 14.5h9" />
    </Icon>
  ),
  number: (
    <Icon>
      <path d="M3.5 4.5h1.2v3.5M3.3 8h2.6" />
      <path d="M3.4 12.2a1.2 1.2 0 0 1 2.3.4c0 .9-2.4 1.8-2.4 2.9h2.6" />
      <path d="M8.5 5.5h8.5M8.5 10h8.5M8.5 14.5h8.5" />
    </Icon>
  ),
  check: (
    <Icon>
      <rect x="2.5" y="3" width="5" height="5" rx="1" />
      <path d="m3.7 5.6 1.1 1.1 1.9-2.1" />
      <rect x="2.5" y="12" width="5" height="5" rx="1" />
      <path d="M10 5.5h7M10 14.5h7" />
    </Icon>
  ),
} as const;

const alignIcon = (lines: Array<[number, number]>): JSX.Element => (
  <Icon>
    {lines.map(([from, to], index) => (
      <path key={index} d={`M${from} ${5 + index * 3.5}h${to - from}`} />
    ))}
  </Icon>
);

/** Alignment, table, cell menu and rule (issue #22). */
export const BLOCK_ICONS = {
  alignLeft: alignIcon([
    [3, 17],
    [3, 12],
    [3, 17],
    [3, 12],
  ]),
  alignCenter: alignIcon([
    [3, 17],
    [5.5, 14.5],
    [3, 17],
    [5.5, 14.5],
  ]),
  alignRight: alignIcon([
    [3, 17],
    [8, 17],
    [3, 17],
    [8, 17],
  ]),
  alignJustify: alignIcon([
    [3, 17],
    [3, 17],
    [3, 17],
    [3, 17],
  ]),
  table: (
    <Icon>
      <rect x="3" y="4" width="14" height="12" rx="1.5" />
      <path d="M3 8h14M3 12h14M8 4v12M12.5 4v12" />
    </Icon>
  ),
  tableMenu: (
    <Icon>
      <rect x="3" y="4" width="14" height="12" rx="1.5" />
      <path d="M3 8h14M8 4v12" />
      <path d="m11 11 2 2 2-2" />
    </Icon>
  ),
  rule: (
    <Icon>
      <path d="M3 10h14" />
      <path d="M7 6h6M7 14h6" />
    </Icon>
  ),
};
