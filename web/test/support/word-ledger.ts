/**
 * Which typed words must be in the final document (editing.fuzz.test.ts). Every word is
 * unique; a word counts as deliberately deleted when it left the acting person's own page
 * during that person's deleting action (typing over a selection, Backspace, Enter in a
 * word...) or, for undo and redo, when it was that person's own word. Losing any other
 * word, or any word appearing twice, is a failure.
 */
const WORD_PATTERN = /w(\d{4})([a-z])q/g;

/** A check letter, so that pieces of two broken words rarely join into a third word. */
const checkLetter = (digits: string): string => String.fromCharCode(97 + ((Number(digits) * 7) % 26));

export const wordsIn = (text: string): string[] =>
  Array.from(text.matchAll(WORD_PATTERN))
    .filter(([, digits, check]) => checkLetter(digits!) === check)
    .map(([word]) => word);

export class WordLedger {
  private readonly authors = new Map<string, number>();
  private readonly excused = new Set<string>();
  private count = 0;

  nextWord(): string {
    this.count += 1;
    const digits = String(this.count).padStart(4, '0');
    return `w${digits}${checkLetter(digits)}q`;
  }

  /** Keystrokes that never showed on the typist's own page (the caret was nowhere). */
  readonly unseen: string[] = [];

  /** `shown`: the actor's page right after the action; only words it showed count as typed. */
  wrote(words: string[], author: number, shown: string): void {
    const visible = new Set(wordsIn(shown));
    for (const word of words) {
      if (visible.has(word)) this.authors.set(word, author);
      else this.unseen.push(word);
    }
  }

  /** Words gone from the actor's page during an action that may delete them. */
  deletedBy(before: string, after: string, actor: number, isUndo: boolean): void {
    const now = new Set(wordsIn(after));
    for (const word of wordsIn(before)) {
      if (now.has(word)) continue;
      if (!isUndo || this.authors.get(word) === actor) this.excused.add(word);
    }
  }

  /** Problems with the final text: lost words and doubled words. */
  problems(finalText: string): string[] {
    const counts = new Map<string, number>();
    for (const word of wordsIn(finalText)) counts.set(word, (counts.get(word) ?? 0) + 1);
    const problems: string[] = [];
    for (const word of this.authors.keys()) {
      const seen = counts.get(word) ?? 0;
      if (seen > 1) problems.push(`${word} appears ${seen} times`);
      else if (seen === 0 && !this.excused.has(word))
        problems.push(`${word} (by person ${this.authors.get(word)}) was lost`);
    }
    for (const [word, seen] of counts) {
      if (this.authors.has(word)) continue;
      if (!this.unseen.includes(word)) problems.push(`${word} (${seen}x) was never typed`);
      else if (seen > 1) problems.push(`${word} appears ${seen} times`);
    }
    return problems;
  }
}
