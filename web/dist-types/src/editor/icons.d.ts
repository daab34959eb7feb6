export declare const ICONS: {
    readonly undo: import("react/jsx-runtime").JSX.Element;
    readonly redo: import("react/jsx-runtime").JSX.Element;
    readonly link: import("react/jsx-runtime").JSX.Element;
    readonly code: import("react/jsx-runtime").JSX.Element;
    readonly codeBlock: import("react/jsx-runtime").JSX.Element;
    readonly quote: import("react/jsx-runtime").JSX.Element;
    readonly bullet: import("react/jsx-runtime").JSX.Element;
    readonly number: import("react/jsx-runtime").JSX.Element;
    readonly check: import("react/jsx-runtime").JSX.Element;
};
