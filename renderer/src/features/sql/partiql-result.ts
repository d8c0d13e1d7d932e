import { toPlain, type AttributeValue, type Item } from '../console/dynamodb/attribute-values';
import type { ResultColumn, ResultSet } from './result-set';

/**
 * DynamoDB PartiQL items → the ResultSet Athena's answers make: the columns are every attribute name,
 * in order of first appearance; values are text (numbers as DynamoDB keeps them, maps and lists as
 * JSON), a missing attribute or `NULL` is SQL NULL. A column's type is the DynamoDB letter its values
 * have (`S`, `N`, `M`…), or `mixed`.
 */
export function itemsToResultSet(items: readonly Item[]): ResultSet {
  const types = new Map<string, string>();
  for (const item of items)
    for (const [name, value] of Object.entries(item)) {
      const type = typeLetter(value);
      if (type === 'NULL') {
        if (!types.has(name)) types.set(name, 'NULL');
        continue;
      }
      const known = types.get(name);
      types.set(name, known === undefined || known === 'NULL' || known === type ? type : 'mixed');
    }
  const columns: ResultColumn[] = [...types].map(([name, type]) => ({ name, type }));
  const rows = items.map((item) =>
    columns.map(({ name }) => {
      const value = item[name];
      return value === undefined ? null : attributeText(value);
    }),
  );
  return { columns, rows };
}

function typeLetter(value: AttributeValue): string {
  return Object.keys(value)[0] ?? '?';
}

export function attributeText(value: AttributeValue): string | null {
  if ('S' in value) return String(value.S);
  if ('N' in value) return String(value.N);
  if ('NULL' in value) return null;
  if ('BOOL' in value) return String(value.BOOL);
  const plain = toPlain(value);
  return typeof plain === 'string' ? plain : JSON.stringify(plain);
}
