import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlayIcon, TableIcon } from '../../components/icons';
import { ErrorNotice } from '../console/ui/error-notice';
import type { CatalogState } from './use-catalog';

/**
 * The target's tables, each opening to its columns and types (partition columns and DynamoDB keys
 * marked); "Preview" runs `SELECT * … LIMIT 10` on the table, a column's name goes into the editor.
 */
export function SchemaBrowser({
  catalog,
  engine,
  noDatabase,
  onPreview,
  onInsert,
}: {
  catalog: CatalogState;
  engine: 'athena' | 'dynamodb';
  /** Athena without any database in the catalog. */
  noDatabase: boolean;
  onPreview(table: string): void;
  onInsert(text: string): void;
}) {
  const { t } = useTranslation('sql');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (name: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  if (catalog.error) return <ErrorNotice error={catalog.error} />;
  if (noDatabase) return <p className="side-empty">{t('schema.noDatabases')}</p>;
  if (!catalog.tables) return <p className="loading-line">{catalog.loading ? '…' : ''}</p>;
  if (catalog.tables.length === 0)
    return (
      <p className="side-empty">{engine === 'athena' ? t('schema.empty') : t('schema.emptyDynamodb')}</p>
    );
  return (
    <ul className="schema-tree" aria-label={t('schema.label')}>
      {catalog.tables.map((table) => {
        const expanded = open.has(table.name);
        const columnsId = `schema-columns-${table.name}`;
        return (
          <li key={table.name}>
            <div className="schema-tree-table">
              <button
                type="button"
                className="schema-toggle"
                aria-expanded={expanded}
                aria-controls={columnsId}
                aria-label={t('schema.expand', { table: table.name })}
                onClick={() => toggle(table.name)}
              >
                <span className="schema-caret" aria-hidden="true">
                  {expanded ? '▾' : '▸'}
                </span>
                <TableIcon aria-hidden="true" />
                <span className="schema-name">{table.name}</span>
              </button>
              <button
                type="button"
                className="icon-button schema-preview"
                aria-label={t('schema.preview', { table: table.name })}
                title={t('schema.preview', { table: table.name })}
                onClick={() => onPreview(table.name)}
              >
                <PlayIcon />
              </button>
            </div>
            {expanded && (
              <ul id={columnsId} className="schema-columns">
                {table.columns.map((column) => (
                  <li key={column.name}>
                    <button
                      type="button"
                      className="schema-column"
                      title={t('schema.insert', { name: column.name })}
                      onClick={() => onInsert(column.name)}
                    >
                      <span className="schema-name">{column.name}</span>
                      <span className="schema-type">
                        {column.role === 'partition'
                          ? `${column.type} · ${t('schema.partition')}`
                          : column.role
                            ? `${column.type} · ${t('schema.key')} ${column.role}`
                            : column.type}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
