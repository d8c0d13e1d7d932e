import { useId, useState, type ReactNode } from 'react';
import { TableIcon } from '../../components/icons';

export interface TableCell {
  text: string;
  numeric?: boolean;
}

/**
 * A chart's numbers as a real table (caption, column headers, row headers), behind a button so the
 * page stays short: what a screen reader reads instead of the canvas.
 */
export function DataTableToggle({
  showLabel,
  hideLabel,
  caption,
  headers,
  numericColumns,
  rows,
  note,
}: {
  showLabel: string;
  hideLabel: string;
  caption: string;
  headers: string[];
  /** Headers of number columns, aligned with their numbers (by index). */
  numericColumns?: (index: number) => boolean;
  /** Each row: its header cell (the x value), then its cells. */
  rows: Array<{ key: string; header: string; cells: TableCell[] }>;
  note?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const tableId = useId();
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small chart-table-toggle"
        aria-expanded={open}
        aria-controls={tableId}
        onClick={() => setOpen(!open)}
      >
        <TableIcon />
        {open ? hideLabel : showLabel}
      </button>
      <div id={tableId} hidden={!open}>
        {open && (
          <div className="chart-table-scroll">
            <table className="chart-table">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {headers.map((header, index) => (
                    <th key={index} scope="col" className={numericColumns?.(index) ? 'numeric' : undefined}>
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.header}</th>
                    {row.cells.map((cell, index) => (
                      <td key={index} className={cell.numeric ? 'numeric' : undefined}>
                        {cell.text}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {open && note && <p className="chart-notes">{note}</p>}
      </div>
    </>
  );
}
