/**
 * DynamoDB's typed attribute values (`{"S": "x"}`, `{"N": "1.5"}`, `{"M": {...}}` …) for display:
 * as plain JSON (numbers as numbers when exact), and as a short cell text.
 */
export type AttributeValue = { [type: string]: unknown };
export type Item = Record<string, AttributeValue>;

function isBytes(value: unknown): value is { $base64: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $base64?: unknown }).$base64 === 'string'
  );
}

function number(text: string): number | string {
  const value = Number(text);
  // Beyond 15 significant digits a JS number would round what DynamoDB keeps exactly.
  return Number.isFinite(value) && String(value) === text.replace(/^(-?)0+(?=\d)/, '$1') ? value : text;
}

export function toPlain(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return number(String(value.N));
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('M' in value) return itemToPlain((value.M ?? {}) as Item);
  if ('L' in value) return ((value.L ?? []) as AttributeValue[]).map(toPlain);
  if ('SS' in value) return value.SS;
  if ('NS' in value) return ((value.NS ?? []) as string[]).map(number);
  if ('B' in value) return isBytes(value.B) ? `base64:${value.B.$base64}` : value.B;
  if ('BS' in value)
    return ((value.BS ?? []) as unknown[]).map((b) => (isBytes(b) ? `base64:${b.$base64}` : b));
  return value;
}

export function itemToPlain(item: Item): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, toPlain(value)]));
}

/** What a table cell shows: strings and numbers as they are, the rest as compact JSON, cut. */
export function cellText(value: AttributeValue | undefined, max = 80): string {
  if (value === undefined) return '';
  const plain = toPlain(value);
  const text = typeof plain === 'string' ? plain : JSON.stringify(plain);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The DynamoDB type letter of a value (`S`, `N`, `M`, …). */
export function typeOf(value: AttributeValue): string {
  return Object.keys(value)[0] ?? '?';
}

/** The columns of a page of items: the key first, then the others by how often they appear. */
export function columnsOf(items: readonly Item[], keyNames: readonly string[], max = 8): string[] {
  const counts = new Map<string, number>();
  for (const item of items)
    for (const name of Object.keys(item)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const others = [...counts.keys()]
    .filter((name) => !keyNames.includes(name))
    .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b));
  return [...keyNames.filter((name) => counts.has(name) || items.length === 0), ...others].slice(0, max);
}

/** A key value typed as the table's attribute definition says (`S`, `N` or `B`). */
export function keyValue(type: string, text: string): AttributeValue {
  if (type === 'N') return { N: text.trim() };
  if (type === 'B') return { B: { $base64: text.trim() } };
  return { S: text };
}
