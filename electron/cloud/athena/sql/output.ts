/**
 * Translated SQL that remembers where each piece came from in the student's text, so an error
 * DuckDB reports at a position of the translation can be shown at the student's `line L:C`.
 */
export class SqlOutput {
  private readonly parts: { text: string; source: number }[] = [];

  /** Appends text produced for the source offset `source`. */
  push(text: string, source: number): this {
    if (text) this.parts.push({ text, source });
    return this;
  }

  /** Appends another output, keeping its own source offsets. */
  append(other: SqlOutput): this {
    this.parts.push(...other.parts);
    return this;
  }

  /** Appends pieces: strings are attributed to `source`, outputs keep theirs. */
  pieces(items: readonly (string | SqlOutput)[], source: number): this {
    for (const item of items) {
      if (typeof item === 'string') this.push(item, source);
      else this.append(item);
    }
    return this;
  }

  toString(): string {
    return this.parts.map((part) => part.text).join('');
  }

  /** The source offset of the piece holding the translated offset (the last piece past the end). */
  sourceOf(offset: number): number {
    let position = 0;
    for (const part of this.parts) {
      if (offset < position + part.text.length) return part.source;
      position += part.text.length;
    }
    return this.parts.at(-1)?.source ?? 0;
  }
}
