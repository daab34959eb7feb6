/** Follows the `isEditable` prop after mount (LexicalComposer reads its config once). */
export declare function EditableStatePlugin({ isEditable }: {
    isEditable: boolean;
}): null;
