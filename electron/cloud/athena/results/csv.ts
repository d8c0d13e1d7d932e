/**
 * Athena's result CSV (AWS-FIDELITY §10.6): every non-NULL field double-quoted with `"` doubled,
 * NULL as an empty unquoted field (so `""` is an empty string), `\n` after every line, UTF-8 without
 * BOM. The header row holds the column labels.
 */

export function csvLine(fields: readonly (string | null)[]): string {
  return `${fields.map((field) => (field === null ? '' : `"${field.replaceAll('"', '""')}"`)).join(',')}\n`;
}

/** Parses Athena's CSV back into rows: a quoted field is a string, an empty unquoted one NULL. */
export function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    let field: string | null = null;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          value += text.slice(i);
          i = text.length;
          break;
        }
        value += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      field = value;
    } else {
      // Athena never writes unquoted values; read one up to the separator anyway.
      const end = /[,\n]/.exec(text.slice(i))?.index ?? text.length - i;
      field = end === 0 ? null : text.slice(i, i + end);
      i += end;
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      if (i === text.length || text[i] === '\n') row.push(null);
    }
    if (text[i] === '\n' || i >= text.length) {
      rows.push(row);
      row = [];
      i++;
    }
  }
  return rows;
}
