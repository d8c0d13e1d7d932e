import type { ReactNode } from 'react';

/** JSON's tokens, for colouring: keys, strings, numbers, literals, punctuation. */
const TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],])/g;

/** Pretty JSON text as coloured spans (no HTML is parsed: React builds the nodes). */
export function highlightJson(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  let index = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    if (start > last) nodes.push(text.slice(last, start));
    const [whole, string, colon, number, literal] = match;
    if (string !== undefined && colon !== undefined) {
      nodes.push(
        <span key={index++} className="json-key">
          {string}
        </span>,
        colon,
      );
    } else if (string !== undefined) {
      nodes.push(
        <span key={index++} className="json-string">
          {string}
        </span>,
      );
    } else if (number !== undefined) {
      nodes.push(
        <span key={index++} className="json-number">
          {number}
        </span>,
      );
    } else if (literal !== undefined) {
      nodes.push(
        <span key={index++} className="json-literal">
          {literal}
        </span>,
      );
    } else {
      nodes.push(
        <span key={index++} className="json-punctuation">
          {whole}
        </span>,
      );
    }
    last = start + whole.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

/** The value as pretty JSON text, or the text itself when it is not JSON. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** Text that parses as JSON, pretty-printed; undefined when it does not parse. */
export function prettyJsonText(text: string): string | undefined {
  try {
    return prettyJson(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export interface JsonViewProps {
  /** A value to show as JSON, or already formatted text. */
  value?: unknown;
  text?: string;
  /** The accessible name of the block (it is focusable, to scroll it with the keyboard). */
  label: string;
  className?: string;
}

/** A scrollable, coloured JSON block; large texts stay plain (colouring costs a node per token). */
export function JsonView({ value, text, label, className }: JsonViewProps) {
  const shown = text ?? prettyJson(value);
  const coloured = shown.length <= 200_000;
  return (
    <pre className={`json-view ${className ?? ''}`} tabIndex={0} aria-label={label}>
      <code>{coloured ? highlightJson(shown) : shown}</code>
    </pre>
  );
}
