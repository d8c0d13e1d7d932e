import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';

export interface Column<T> {
  id: string;
  header: ReactNode;
  cell(row: T): ReactNode;
  className?: string;
}

export interface ResourceTableProps<T> {
  /** The table's accessible name. */
  label: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  /** The row's name, a link to its detail: the first column, a row header. */
  name(row: T): ReactNode;
  nameHeader: ReactNode;
  href(row: T): string;
  selectedKey?: string;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** Long names (S3 keys) wrap; others keep to one line and the table scrolls. */
  wrapNames?: boolean;
}

const ROW_LINK = 'a.row-link';

/**
 * A list of resources, each row's name a link to its detail (its own address): Tab enters the
 * table, ↑/↓/Home/End move between the rows' links, Enter opens one; a click anywhere on a row does too.
 */
export function ResourceTable<T>({
  label,
  columns,
  rows,
  rowKey,
  name,
  nameHeader,
  href,
  selectedKey,
  empty,
  wrapNames,
}: ResourceTableProps<T>) {
  if (rows.length === 0) return <div className="empty-state">{empty}</div>;

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>(ROW_LINK)];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    const target =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? links.length - 1
              : undefined;
    if (target === undefined || index === -1) return;
    event.preventDefault();
    links[Math.max(0, Math.min(links.length - 1, target))]?.focus();
  };

  const onRowClick = (event: MouseEvent<HTMLTableRowElement>) => {
    // Links, buttons and fields inside the row do their own thing.
    if ((event.target as HTMLElement).closest('a, button, input, select, textarea, label')) return;
    event.currentTarget.querySelector<HTMLAnchorElement>(ROW_LINK)?.click();
  };

  // One link in the tab order: the selected row's, else the first.
  const focusKey = rows.some((row) => rowKey(row) === selectedKey) ? selectedKey : rowKey(rows[0] as T);
  return (
    <div className="resource-table-scroll">
      <table className="resource-table" aria-label={label} data-wrap-names={wrapNames ? 'true' : undefined}>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            {columns.map((column) => (
              <th key={column.id} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {rows.map((row) => {
            const key = rowKey(row);
            const selected = key === selectedKey;
            return (
              <tr key={key} data-selectable="true" data-selected={selected} onClick={onRowClick}>
                <th scope="row">
                  <a
                    className="row-link"
                    href={href(row)}
                    aria-current={selected ? 'true' : undefined}
                    tabIndex={key === focusKey ? 0 : -1}
                  >
                    {name(row)}
                  </a>
                </th>
                {columns.map((column) => (
                  <td key={column.id} className={column.className}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
