import { type JSX } from 'react';
export declare function Toolbar(): JSX.Element;
