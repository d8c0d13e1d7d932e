import type { ResultSet } from './result-set';

/**
 * A result as Athena writes its result file (AWS-FIDELITY §10.6), which is RFC 4180: a header row, every
 * non-NULL value double-quoted with `"` doubled, NULL an empty unquoted field, `\n` after every line.
 */
export function toCsv(result: ResultSet): string {
  const line = (cells: readonly (string | null)[]) =>
    cells.map((cell) => (cell === null ? '' : `"${cell.replaceAll('"', '""')}"`)).join(',');
  let text = `${line(result.columns.map((column) => column.name))}\n`;
  for (const row of result.rows) text += `${line(row)}\n`;
  return text;
}

/**
 * RFC 4180 text back into rows: quoted fields may hold commas, `""` and line breaks; an empty unquoted
 * field is NULL (as Athena writes it), an empty quoted one the empty string.
 */
export function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  const endOfRow = () => {
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    let value: string | null;
    if (text[i] === '"') {
      let end = i + 1;
      let field = '';
      for (;;) {
        const close = text.indexOf('"', end);
        if (close === -1) throw new Error(`Unclosed quote at offset ${i}`);
        field += text.slice(end, close);
        if (text[close + 1] === '"') {
          field += '"';
          end = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      value = field;
    } else {
      const match = /[,\r\n]/.exec(text.slice(i));
      const length = match ? match.index : text.length - i;
      const raw = text.slice(i, i + length);
      value = raw === '' ? null : raw;
      i += length;
    }
    row.push(value);
    if (text[i] === ',') i += 1;
    else {
      if (text[i] === '\r') i += 1;
      if (text[i] === '\n') i += 1;
      endOfRow();
    }
  }
  return rows;
}
