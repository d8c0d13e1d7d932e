import { TokenCursor } from './token-cursor.js';
import { isName, isSymbol, isWord, significant, SqlSyntaxError, tokenize, type Token } from './tokens.js';

/**
 * Which statement a QueryString holds, parsed enough to run it: queries (SELECT, WITH, VALUES) go to
 * DuckDB after translation; CTAS runs its query and writes a table; Hive DDL and the SHOW/DESCRIBE
 * utilities are answered from the Glue catalog. Anything else is refused as Athena's parser refuses it.
 */

export interface NameRef {
  /** Lower-cased parts as written: `t`, `db.t`. */
  parts: string[];
  start: number;
  /** A part was written in double quotes (Athena's Hive DDL parser rejects that). */
  quoted: boolean;
}

export interface ColumnDefinition {
  name: string;
  type: string;
  comment?: string;
}

export type PropertyValue = string | string[];

export type Statement =
  | { kind: 'query'; query: Token[] }
  | {
      kind: 'ctas';
      name: NameRef;
      ifNotExists: boolean;
      columnList: boolean;
      properties: Record<string, PropertyValue>;
      query: Token[];
      withData: boolean;
    }
  | {
      kind: 'create-table';
      external: boolean;
      name: NameRef;
      ifNotExists: boolean;
      columns: ColumnDefinition[];
      partitionKeys: ColumnDefinition[];
      comment?: string;
      serde?: string;
      serdeProperties: Record<string, string>;
      delimited: Record<string, string>;
      storedAs?: string;
      inputFormat?: string;
      outputFormat?: string;
      location?: string;
      properties: Record<string, string>;
    }
  | {
      kind: 'create-database';
      name: NameRef;
      ifNotExists: boolean;
      comment?: string;
      location?: string;
      properties: Record<string, string>;
    }
  | { kind: 'drop-table'; name: NameRef; ifExists: boolean }
  | { kind: 'drop-database'; name: NameRef; ifExists: boolean; cascade: boolean }
  | { kind: 'show-tables'; database?: NameRef; pattern?: string }
  | { kind: 'show-databases'; pattern?: string }
  | { kind: 'show-columns'; name: NameRef }
  | { kind: 'show-partitions'; name: NameRef }
  | { kind: 'show-create-table'; name: NameRef }
  | { kind: 'show-tblproperties'; name: NameRef }
  | { kind: 'describe'; name: NameRef }
  | { kind: 'msck-repair'; name: NameRef }
  | {
      kind: 'add-partitions';
      name: NameRef;
      ifNotExists: boolean;
      partitions: { values: Record<string, string>; location?: string }[];
    }
  /** A statement Athena has and the offline engine does not run: it starts, then fails NOT_SUPPORTED. */
  | { kind: 'unsupported'; reason: string; type: 'DDL' | 'DML' | 'UTILITY' };

export const STATEMENT_TYPES: Record<
  Statement['kind'],
  { type: 'DDL' | 'DML' | 'UTILITY'; substatement: string }
> = {
  query: { type: 'DML', substatement: 'SELECT' },
  ctas: { type: 'DDL', substatement: 'CREATE_TABLE_AS_SELECT' },
  'create-table': { type: 'DDL', substatement: 'CREATE_TABLE' },
  'create-database': { type: 'DDL', substatement: 'CREATE_DATABASE' },
  'drop-table': { type: 'DDL', substatement: 'DROP_TABLE' },
  'drop-database': { type: 'DDL', substatement: 'DROP_DATABASE' },
  'show-tables': { type: 'UTILITY', substatement: 'SHOW_TABLES' },
  'show-databases': { type: 'UTILITY', substatement: 'SHOW_DATABASES' },
  'show-columns': { type: 'UTILITY', substatement: 'SHOW_COLUMNS' },
  'show-partitions': { type: 'UTILITY', substatement: 'SHOW_PARTITIONS' },
  'show-create-table': { type: 'UTILITY', substatement: 'SHOW_CREATE_TABLE' },
  'show-tblproperties': { type: 'UTILITY', substatement: 'SHOW_TBLPROPERTIES' },
  describe: { type: 'UTILITY', substatement: 'DESCRIBE_TABLE' },
  'msck-repair': { type: 'DDL', substatement: 'MSCK_REPAIR' },
  'add-partitions': { type: 'DDL', substatement: 'ALTER_TABLE_ADD_PARTITION' },
  unsupported: { type: 'DML', substatement: 'UNKNOWN' },
};

/** Trino's statement starts, listed in its "Expecting:" message for an unknown first word. */
const STATEMENT_STARTS =
  "'ALTER', 'ANALYZE', 'CALL', 'COMMENT', 'COMMIT', 'CREATE', 'DEALLOCATE', 'DELETE', 'DENY', 'DESC', 'DESCRIBE', 'DROP', 'EXECUTE', 'EXPLAIN', 'GRANT', 'INSERT', 'MERGE', 'PREPARE', 'REFRESH', 'RESET', 'REVOKE', 'ROLLBACK', 'SET', 'SHOW', 'START', 'TRUNCATE', 'UPDATE', 'USE', <query>";

/** Statements Athena has and the offline engine does not run: they start, then fail at execution. */
class UnsupportedStatement extends Error {
  constructor(
    message: string,
    readonly type: 'DDL' | 'DML' | 'UTILITY',
  ) {
    super(message);
  }
}

export function parseStatement(sql: string): Statement {
  const all = significant(tokenize(sql));
  const semicolon = all.findIndex((token) => isSymbol(token, ';'));
  if (semicolon !== -1 && semicolon !== all.length - 1) {
    throw new SqlSyntaxError(`Only one sql statement is allowed. Got: ${sql}`, all[semicolon]?.start ?? 0);
  }
  const tokens = semicolon === -1 ? all : all.slice(0, -1);
  try {
    return new StatementParser(tokens).parse();
  } catch (error) {
    if (error instanceof UnsupportedStatement)
      return { kind: 'unsupported', reason: error.message, type: error.type };
    throw error;
  }
}

class StatementParser extends TokenCursor {
  parse(): Statement {
    const first = this.tokens[0];
    if (!first) throw this.mismatch(STATEMENT_STARTS);
    if (isSymbol(first, '(') || isWord(first, 'SELECT', 'WITH', 'VALUES'))
      return { kind: 'query', query: this.tokens };
    if (isWord(first, 'CREATE')) return this.create();
    if (isWord(first, 'DROP')) return this.drop();
    if (isWord(first, 'SHOW')) return this.show();
    if (isWord(first, 'DESCRIBE', 'DESC')) {
      this.i = 1;
      if (!this.optional('EXTENDED')) this.optional('FORMATTED');
      const name = this.name();
      if (isName(this.peek())) this.i++; // a column: DESCRIBE t col
      return this.end({ kind: 'describe', name });
    }
    if (isWord(first, 'MSCK')) {
      this.i = 1;
      this.expect('REPAIR');
      this.expect('TABLE');
      return this.end({ kind: 'msck-repair', name: this.name() });
    }
    if (isWord(first, 'ALTER')) return this.alter();
    if (
      isWord(
        first,
        'INSERT',
        'EXPLAIN',
        'UPDATE',
        'DELETE',
        'MERGE',
        'UNLOAD',
        'OPTIMIZE',
        'VACUUM',
        'PREPARE',
        'EXECUTE',
      )
    ) {
      throw new UnsupportedStatement(
        `${first.value} statements are not supported by the offline engine`,
        first.value === 'EXPLAIN' ? 'UTILITY' : 'DML',
      );
    }
    throw this.mismatch(STATEMENT_STARTS);
  }

  private create(): Statement {
    this.i = 1;
    if (this.optional('DATABASE') || this.optional('SCHEMA')) {
      const ifNotExists = this.optionalSequence('IF', 'NOT', 'EXISTS');
      const name = this.name();
      let comment: string | undefined;
      let location: string | undefined;
      let properties: Record<string, string> = {};
      while (this.peek()) {
        if (this.optional('COMMENT')) comment = this.string();
        else if (this.optional('LOCATION')) location = this.string();
        else if (this.optionalSequence('WITH', 'DBPROPERTIES')) properties = this.stringPairs();
        else throw this.mismatch('<EOF>');
      }
      return {
        kind: 'create-database',
        name,
        ifNotExists,
        ...(comment === undefined ? {} : { comment }),
        ...(location === undefined ? {} : { location }),
        properties,
      };
    }
    const external = this.optional('EXTERNAL');
    if (isWord(this.peek(), 'OR') || isWord(this.peek(), 'VIEW')) {
      throw new UnsupportedStatement('views are not supported by the offline engine', 'DDL');
    }
    this.expect('TABLE');
    const ifNotExists = this.optionalSequence('IF', 'NOT', 'EXISTS');
    const name = this.name();
    if (!external && this.isCtas()) return this.ctas(name, ifNotExists);
    return this.createTable(external, name, ifNotExists);
  }

  /** A CTAS has AS <query> after its optional column list, comment and WITH (...) properties. */
  private isCtas(): boolean {
    return this.tokens.some(
      (token, index) => index >= this.i && isWord(token, 'AS') && this.depthAt(index) === 0,
    );
  }

  private ctas(name: NameRef, ifNotExists: boolean): Statement {
    let columnList = false;
    if (isSymbol(this.peek(), '(')) {
      columnList = true;
      this.i = this.closing(this.i) + 1;
    }
    if (this.optional('COMMENT')) this.string();
    let properties: Record<string, PropertyValue> = {};
    if (this.optional('WITH')) properties = this.tableProperties();
    this.expect('AS');
    let end = this.tokens.length;
    let withData = true;
    const tail = this.tokens.slice(-3).map((token) => (token.kind === 'word' ? token.value : ''));
    if (tail.join(' ') === 'WITH NO DATA') {
      end -= 3;
      withData = false;
    } else if (tail.slice(1).join(' ') === 'WITH DATA') end -= 2;
    const query = this.tokens.slice(this.i, end);
    if (!query.length) throw this.mismatch('<query>');
    return { kind: 'ctas', name, ifNotExists, columnList, properties, query, withData };
  }

  private createTable(external: boolean, name: NameRef, ifNotExists: boolean): Statement {
    const statement: Extract<Statement, { kind: 'create-table' }> = {
      kind: 'create-table',
      external,
      name,
      ifNotExists,
      columns: [],
      partitionKeys: [],
      serdeProperties: {},
      delimited: {},
      properties: {},
    };
    if (isSymbol(this.peek(), '(')) statement.columns = this.columnDefinitions();
    while (this.peek()) {
      if (this.optional('COMMENT')) statement.comment = this.string();
      else if (this.optionalSequence('PARTITIONED', 'BY')) statement.partitionKeys = this.columnDefinitions();
      else if (this.optionalSequence('ROW', 'FORMAT')) {
        if (this.optional('SERDE')) {
          statement.serde = this.string();
          if (this.optionalSequence('WITH', 'SERDEPROPERTIES'))
            statement.serdeProperties = this.stringPairs();
        } else {
          this.expect('DELIMITED');
          for (;;) {
            if (this.optionalSequence('FIELDS', 'TERMINATED', 'BY'))
              statement.delimited['field.delim'] = this.string();
            else if (this.optionalSequence('ESCAPED', 'BY'))
              statement.delimited['escape.delim'] = this.string();
            else if (this.optionalSequence('COLLECTION', 'ITEMS', 'TERMINATED', 'BY'))
              statement.delimited['collection.delim'] = this.string();
            else if (this.optionalSequence('MAP', 'KEYS', 'TERMINATED', 'BY'))
              statement.delimited['mapkey.delim'] = this.string();
            else if (this.optionalSequence('LINES', 'TERMINATED', 'BY'))
              statement.delimited['line.delim'] = this.string();
            else break;
          }
        }
      } else if (this.optionalSequence('STORED', 'AS')) {
        if (this.optional('INPUTFORMAT')) {
          statement.inputFormat = this.string();
          this.expect('OUTPUTFORMAT');
          statement.outputFormat = this.string();
        } else statement.storedAs = this.word().toUpperCase();
      } else if (this.optional('LOCATION')) statement.location = this.string();
      else if (this.optional('TBLPROPERTIES')) statement.properties = this.stringPairs();
      else throw this.mismatch('<EOF>');
    }
    return statement;
  }

  private drop(): Statement {
    this.i = 1;
    if (this.optional('DATABASE') || this.optional('SCHEMA')) {
      const ifExists = this.optionalSequence('IF', 'EXISTS');
      const name = this.name();
      const cascade = this.optional('CASCADE');
      if (!cascade) this.optional('RESTRICT');
      return this.end({ kind: 'drop-database', name, ifExists, cascade });
    }
    if (isWord(this.peek(), 'VIEW'))
      throw new UnsupportedStatement('views are not supported by the offline engine', 'DDL');
    this.expect('TABLE');
    const ifExists = this.optionalSequence('IF', 'EXISTS');
    return this.end({ kind: 'drop-table', name: this.name(), ifExists });
  }

  private show(): Statement {
    this.i = 1;
    if (this.optional('TABLES')) {
      const database = this.optional('IN') || this.optional('FROM') ? this.name() : undefined;
      const pattern = this.peek()?.kind === 'string' ? this.string() : undefined;
      return this.end({
        kind: 'show-tables',
        ...(database ? { database } : {}),
        ...(pattern === undefined ? {} : { pattern }),
      });
    }
    if (this.optional('DATABASES') || this.optional('SCHEMAS')) {
      const pattern = this.optional('LIKE') || this.peek()?.kind === 'string' ? this.string() : undefined;
      return this.end({ kind: 'show-databases', ...(pattern === undefined ? {} : { pattern }) });
    }
    if (this.optional('COLUMNS')) {
      if (!this.optional('IN')) this.expect('FROM');
      const name = this.name();
      if (this.optional('IN') || this.optional('FROM')) name.parts.unshift(...this.name().parts);
      return this.end({ kind: 'show-columns', name });
    }
    if (this.optional('PARTITIONS')) return this.end({ kind: 'show-partitions', name: this.name() });
    if (this.optionalSequence('CREATE', 'TABLE'))
      return this.end({ kind: 'show-create-table', name: this.name() });
    if (this.optional('TBLPROPERTIES')) {
      const name = this.name();
      if (isSymbol(this.peek(), '(')) this.i = this.closing(this.i) + 1;
      return this.end({ kind: 'show-tblproperties', name });
    }
    throw new UnsupportedStatement(
      `SHOW ${this.peek()?.text ?? ''} is not supported by the offline engine`,
      'UTILITY',
    );
  }

  private alter(): Statement {
    this.i = 1;
    this.expect('TABLE');
    const name = this.name();
    if (!this.optional('ADD'))
      throw new UnsupportedStatement(
        'ALTER TABLE is only supported as ALTER TABLE … ADD PARTITION offline',
        'DDL',
      );
    const ifNotExists = this.optionalSequence('IF', 'NOT', 'EXISTS');
    const partitions: { values: Record<string, string>; location?: string }[] = [];
    while (this.optional('PARTITION')) {
      const values = this.partitionSpec();
      const location = this.optional('LOCATION') ? this.string() : undefined;
      partitions.push({ values, ...(location === undefined ? {} : { location }) });
    }
    if (!partitions.length) throw this.mismatch("'PARTITION'");
    return this.end({ kind: 'add-partitions', name, ifNotExists, partitions });
  }
}
