/**
 * Glue (Hive) column types as a reader needs them: nested `struct<…>`/`array<…>` types as a tree,
 * and how a partition's columns differ from its table's, as Athena judges it.
 */

export type GlueType =
  | { kind: 'primitive'; text: string }
  | { kind: 'array'; element: GlueType }
  | { kind: 'map'; key: GlueType; value: GlueType }
  | { kind: 'struct'; fields: GlueField[] };

export interface GlueField {
  name: string;
  type: GlueType;
}

export interface ColumnLike {
  Name?: string;
  Type?: string;
}

/** Reads a Glue type string; text it cannot read stays one primitive with that text (never throws). */
export function parseGlueType(text: string): GlueType {
  let at = 0;
  const source = text.trim();
  const skip = () => {
    while (source[at] === ' ') at++;
  };
  const take = (character: string): boolean => {
    skip();
    if (source[at] !== character) return false;
    at++;
    return true;
  };
  const word = (): string => {
    skip();
    const match = /^(`[^`]*`|[A-Za-z_][A-Za-z0-9_$]*)/.exec(source.slice(at));
    if (!match) throw new SyntaxError(source);
    at += match[0].length;
    return match[0].replace(/^`|`$/g, '');
  };
  const need = (character: string) => {
    if (!take(character)) throw new SyntaxError(source);
  };
  const read = (): GlueType => {
    const name = word();
    const lower = name.toLowerCase();
    if (lower === 'array') {
      need('<');
      const element = read();
      need('>');
      return { kind: 'array', element };
    }
    if (lower === 'map') {
      need('<');
      const key = read();
      need(',');
      const value = read();
      need('>');
      return { kind: 'map', key, value };
    }
    if (lower === 'struct') {
      need('<');
      const fields: GlueField[] = [];
      while (!take('>')) {
        if (fields.length > 0) need(',');
        const fieldName = word();
        need(':');
        fields.push({ name: fieldName, type: read() });
      }
      return { kind: 'struct', fields };
    }
    // decimal(10,2), varchar(20): the parameters belong to the primitive's text.
    skip();
    const close = source[at] === '(' ? source.indexOf(')', at) : -1;
    const params = close === -1 ? '' : source.slice(at, close + 1).replace(/\s+/g, '');
    if (close !== -1) at = close + 1;
    return { kind: 'primitive', text: `${lower}${params}` };
  };
  try {
    const type = read();
    skip();
    if (at !== source.length) throw new SyntaxError(source);
    return type;
  } catch {
    return { kind: 'primitive', text: source };
  }
}

/** The normalized Glue spelling: lower-case keywords, no spaces (`array<struct<a:int>>`). */
export function glueTypeText(type: GlueType): string {
  switch (type.kind) {
    case 'primitive':
      return type.text;
    case 'array':
      return `array<${glueTypeText(type.element)}>`;
    case 'map':
      return `map<${glueTypeText(type.key)},${glueTypeText(type.value)}>`;
    case 'struct':
      return `struct<${type.fields.map((field) => `${field.name}:${glueTypeText(field.type)}`).join(',')}>`;
  }
}

/**
 * The type's head, with the fields of the struct it holds left out: `double`, `struct`,
 * `array<struct>`, `map<string,struct>`, `array<int>`.
 */
export function typeHead(type: GlueType): string {
  switch (type.kind) {
    case 'primitive':
      return type.text;
    case 'struct':
      return 'struct';
    case 'array':
      return `array<${typeHead(type.element)}>`;
    case 'map':
      return `map<${glueTypeText(type.key)},${typeHead(type.value)}>`;
  }
}

/** The fields of the struct a type holds (itself, its arrays' or its map's values), shown under its head. */
export function nestedFields(type: GlueType): GlueField[] | undefined {
  switch (type.kind) {
    case 'primitive':
      return undefined;
    case 'struct':
      return type.fields;
    case 'array':
      return nestedFields(type.element);
    case 'map':
      return nestedFields(type.value);
  }
}

// ---- A partition's schema against its table's ----

export interface TypeDifference {
  /** Where inside the column (`air_temperature.value`, `sky_cover_condition[].coverage`). */
  path: string;
  table: string;
  partition: string;
}

export type ColumnDifference =
  | {
      kind: 'changed';
      position: number;
      table: Required<ColumnLike>;
      partition: Required<ColumnLike>;
      /** The first places where the types part. */
      details: TypeDifference[];
      /** Athena reads the partition anyway (same name, a type Hive widens to the table's). */
      coercible: boolean;
    }
  | { kind: 'missing'; position: number; table: Required<ColumnLike> }
  | { kind: 'extra'; position: number; partition: Required<ColumnLike> };

export interface SchemaComparison {
  differences: ColumnDifference[];
  /** False when Athena fails a query reading this partition with HIVE_PARTITION_SCHEMA_MISMATCH. */
  athenaReads: boolean;
}

const INTEGER_RANK: Record<string, number> = { tinyint: 1, smallint: 2, int: 3, integer: 3, bigint: 4 };
const TEXT = new Set(['string', 'varchar', 'char']);
const baseName = (text: string) => text.replace(/\(.*$/, '');

/** Hive's widenings, as Athena applies them to a partition's column (AWS-FIDELITY §10.4). */
function canCoerce(from: GlueType, to: GlueType): boolean {
  if (from.kind === 'primitive' && to.kind === 'primitive') {
    if (from.text === to.text) return true;
    const [a, b] = [baseName(from.text), baseName(to.text)];
    const [fromRank, toRank] = [INTEGER_RANK[a], INTEGER_RANK[b]];
    if (fromRank !== undefined && toRank !== undefined) return fromRank <= toRank;
    if (a === 'float' && b === 'double') return true;
    return TEXT.has(a) && TEXT.has(b);
  }
  if (from.kind === 'array' && to.kind === 'array') return canCoerce(from.element, to.element);
  if (from.kind === 'map' && to.kind === 'map')
    return canCoerce(from.key, to.key) && canCoerce(from.value, to.value);
  if (from.kind === 'struct' && to.kind === 'struct') {
    return from.fields.every((field, i) => {
      const other = to.fields[i];
      return !other || (field.name === other.name && canCoerce(field.type, other.type));
    });
  }
  return false;
}

/** Where two types part, field by field (struct fields by position, as Hive reads them). */
export function typeDifferences(table: GlueType, partition: GlueType, path = ''): TypeDifference[] {
  const here = (): TypeDifference[] => [
    { path, table: glueTypeText(table), partition: glueTypeText(partition) },
  ];
  if (table.kind === 'array' && partition.kind === 'array') {
    return typeDifferences(table.element, partition.element, `${path}[]`);
  }
  if (table.kind === 'map' && partition.kind === 'map') {
    if (glueTypeText(table.key) !== glueTypeText(partition.key)) return here();
    return typeDifferences(table.value, partition.value, `${path}{}`);
  }
  if (table.kind === 'struct' && partition.kind === 'struct') {
    const count = Math.max(table.fields.length, partition.fields.length);
    const found: TypeDifference[] = [];
    for (let i = 0; i < count; i++) {
      const [a, b] = [table.fields[i], partition.fields[i]];
      const fieldPath = `${path}.${a?.name ?? b?.name ?? ''}`;
      if (a && b && a.name === b.name) found.push(...typeDifferences(a.type, b.type, fieldPath));
      else
        found.push({
          path: fieldPath,
          table: a ? `${a.name}:${glueTypeText(a.type)}` : '—',
          partition: b ? `${b.name}:${glueTypeText(b.type)}` : '—',
        });
    }
    return found;
  }
  return glueTypeText(table) === glueTypeText(partition) ? [] : here();
}

const complete = (column: ColumnLike): Required<ColumnLike> => ({
  Name: column.Name ?? '',
  Type: column.Type ?? '',
});

/**
 * A partition's columns against its table's, by position as Athena checks them: a changed column
 * that Hive cannot widen fails the query; extra or missing trailing columns do not.
 */
export function compareSchemas(
  tableColumns: readonly ColumnLike[],
  partitionColumns: readonly ColumnLike[],
): SchemaComparison {
  const differences: ColumnDifference[] = [];
  const count = Math.max(tableColumns.length, partitionColumns.length);
  for (let position = 0; position < count; position++) {
    const [tableColumn, partitionColumn] = [tableColumns[position], partitionColumns[position]];
    if (!partitionColumn) {
      if (tableColumn) differences.push({ kind: 'missing', position, table: complete(tableColumn) });
      continue;
    }
    if (!tableColumn) {
      differences.push({ kind: 'extra', position, partition: complete(partitionColumn) });
      continue;
    }
    const [table, partition] = [complete(tableColumn), complete(partitionColumn)];
    const [tableType, partitionType] = [parseGlueType(table.Type), parseGlueType(partition.Type)];
    const sameName = table.Name.toLowerCase() === partition.Name.toLowerCase();
    if (sameName && glueTypeText(tableType) === glueTypeText(partitionType)) continue;
    differences.push({
      kind: 'changed',
      position,
      table,
      partition,
      details: sameName
        ? typeDifferences(tableType, partitionType, table.Name)
        : [{ path: table.Name, table: table.Type, partition: `${partition.Name}:${partition.Type}` }],
      // Athena checks types by position; the names are not compared at the top level.
      coercible: canCoerce(partitionType, tableType),
    });
  }
  return {
    differences,
    athenaReads: differences.every((difference) => difference.kind !== 'changed' || difference.coercible),
  };
}
