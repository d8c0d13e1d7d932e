/** Dates, sizes and counts as the user writes them (the UI's language). */

export function formatNumber(language: string, value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits }).format(value);
}

export function formatBytes(language: string, bytes: number): string {
  // Intl writes "292 byte" in English (French has "292 o"): the console writes "292 B", as AWS's does.
  if (bytes < 1000 && language.startsWith('en')) return `${formatNumber(language, bytes)} B`;
  const [value, unit] =
    bytes >= 1_000_000_000
      ? [bytes / 1_000_000_000, 'gigabyte']
      : bytes >= 1_000_000
        ? [bytes / 1_000_000, 'megabyte']
        : bytes >= 1000
          ? [bytes / 1000, 'kilobyte']
          : [bytes, 'byte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** An ISO time (or epoch seconds, as some AWS APIs give) in the user's format and time zone. */
export function formatDateTime(language: string, value: string | number | undefined): string {
  if (value === undefined || value === '') return '—';
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

export function formatClock(language: string, epochMs: number): string {
  const date = new Date(epochMs);
  const time = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${time}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** Certificate ids are 64 hex digits: the console shows the first ten, as AWS's does. */
export function shortId(id: string, length = 10): string {
  return id.length > length + 1 ? `${id.slice(0, length)}…` : id;
}

/** The last part of an ARN (`…:cert/<id>` → `<id>`). */
export function arnName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
