import { type JSX } from 'react';
/** Pages are full loads: each document gets a fresh session, and links behave like links. */
export declare function App(): JSX.Element;
