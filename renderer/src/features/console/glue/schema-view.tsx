import { useTranslation } from 'react-i18next';
import { StatusPill } from '../../../components/status-pill';
import {
  compareSchemas,
  nestedFields,
  parseGlueType,
  typeHead,
  type ColumnDifference,
  type ColumnLike,
  type GlueType,
  type SchemaComparison,
} from './glue-types';

/** A Glue type as a tree: its head (`array<struct>`), then the fields it holds, indented. */
export function TypeView({ type }: { type: string }) {
  return <TypeTree type={parseGlueType(type)} />;
}

function TypeTree({ type }: { type: GlueType }) {
  const fields = nestedFields(type);
  return (
    <span className="glue-type">
      <code className="glue-type-head">{typeHead(type)}</code>
      {fields && (
        <ul className="glue-type-fields">
          {fields.map((field) => (
            <li key={field.name}>
              <span className="glue-field-name">{field.name}</span>
              <TypeTree type={field.type} />
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}

/**
 * Columns with their types, partition keys after them; with a comparison, the rows that differ
 * from the table's are marked.
 */
export function SchemaTable({
  label,
  columns,
  partitionKeys = [],
  comparison,
}: {
  label: string;
  columns: ReadonlyArray<ColumnLike & { Comment?: string }>;
  partitionKeys?: readonly ColumnLike[];
  comparison?: SchemaComparison;
}) {
  const { t } = useTranslation('console');
  const changed = new Map(
    (comparison?.differences ?? []).flatMap((difference) =>
      difference.kind === 'missing' ? [] : [[difference.position, difference] as const],
    ),
  );
  const rows = [
    ...columns.map((column, index) => ({ column, index, key: false, comment: column.Comment })),
    ...partitionKeys.map((column, index) => ({ column, index, key: true, comment: undefined })),
  ];
  return (
    <div className="resource-table-scroll">
      <table className="resource-table schema-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              #
            </th>
            <th scope="col">{t('glue.column')}</th>
            <th scope="col">{t('glue.dataType')}</th>
            <th scope="col">{t('glue.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ column, index, key, comment }) => {
            const difference = key ? undefined : changed.get(index);
            return (
              <tr
                key={`${key ? 'key' : 'column'}-${index}`}
                data-difference={difference ? differenceTone(difference) : undefined}
              >
                <td className="numeric cell-muted">{key ? '' : index + 1}</td>
                <th scope="row" className="mono">
                  {column.Name}
                  {key && <span className="key-badge">{t('glue.partitionKeyBadge', { n: index })}</span>}
                  {difference && (
                    <StatusPill tone={differenceTone(difference)}>
                      {difference.kind === 'extra'
                        ? t('glue.onlyHere')
                        : difference.coercible
                          ? t('glue.differs')
                          : t('glue.mismatch')}
                    </StatusPill>
                  )}
                </th>
                <td>
                  <TypeView type={column.Type ?? ''} />
                </td>
                <td className="cell-muted">{comment ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function differenceTone(difference: ColumnDifference): 'danger' | 'warning' | 'info' {
  if (difference.kind === 'changed') return difference.coercible ? 'warning' : 'danger';
  return 'info';
}

/** The differences in words: where the types part, and whether Athena reads the partition anyway. */
export function SchemaDifferences({ comparison }: { comparison: SchemaComparison }) {
  const { t } = useTranslation('console');
  if (comparison.differences.length === 0) {
    return <p className="notice notice-success">{t('glue.sameSchema')}</p>;
  }
  return (
    <div className={`notice ${comparison.athenaReads ? 'notice-warning' : 'notice-danger'}`} role="note">
      <p>{comparison.athenaReads ? t('glue.differsReadable') : t('glue.differsMismatch')}</p>
      <ul className="schema-differences">
        {comparison.differences.flatMap((difference) => {
          if (difference.kind === 'missing') {
            return [
              <li key={`m${difference.position}`}>
                <code>{difference.table.Name}</code> {t('glue.diffMissing')}
              </li>,
            ];
          }
          if (difference.kind === 'extra') {
            return [
              <li key={`e${difference.position}`}>
                <code>{difference.partition.Name}</code> {t('glue.diffExtra')}
              </li>,
            ];
          }
          return difference.details.map((detail) => (
            <li key={`c${difference.position}-${detail.path}`}>
              <code>{detail.path}</code>{' '}
              {t('glue.diffChanged', { table: detail.table, partition: detail.partition })}{' '}
              {difference.coercible && <span className="muted">{t('glue.diffWidened')}</span>}
            </li>
          ));
        })}
      </ul>
    </div>
  );
}

/** A partition's columns against its table's (none stored: it reads with the table's). */
export function partitionComparison(
  tableColumns: readonly ColumnLike[] | undefined,
  partitionColumns: readonly ColumnLike[] | undefined,
): SchemaComparison {
  return compareSchemas(tableColumns ?? [], partitionColumns ?? tableColumns ?? []);
}
