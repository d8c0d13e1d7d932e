import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultSet } from './result-set';

const ROW_HEIGHT = 30;
const MAX_HEIGHT = 440;
const OVERSCAN = 8;
const NUMERIC = /^(tinyint|smallint|integer|int|bigint|double|real|float|decimal.*|N)$/i;

export const isNumericType = (type: string): boolean => NUMERIC.test(type);

export interface CellPosition {
  row: number;
  column: number;
}

/** Column widths (px) from the header and the first rows' text: no measuring in the DOM. */
function columnWidths(result: ResultSet): number[] {
  const sample = result.rows.slice(0, 200);
  return result.columns.map((column, index) => {
    // The header holds the name and the type side by side.
    let chars = column.name.length + column.type.length * 0.85 + 3;
    for (const row of sample) chars = Math.max(chars, (row[index] ?? 'NULL').length);
    return Math.round(Math.min(380, Math.max(64, chars * 7.6 + 22)));
  });
}

/**
 * A query's rows as a table whose body is windowed (only the rows in view exist in the DOM, so
 * 10,000 rows scroll smoothly); the header stays on top. Arrow keys, Page Up/Down, Home and End move
 * the active cell; Ctrl/Cmd+C copies it. NULL is shown apart from text, numbers align right.
 */
export function ResultsGrid({
  result,
  label,
  active,
  onActiveChange,
  onCopy,
}: {
  result: ResultSet;
  label: string;
  active: CellPosition | undefined;
  onActiveChange(position: CellPosition): void;
  onCopy(position: CellPosition): void;
}) {
  const { t } = useTranslation('sql');
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const widths = useMemo(() => columnWidths(result), [result]);
  const numberWidth = Math.max(44, String(result.rows.length).length * 8 + 20);
  const template = `${numberWidth}px ${widths.map((width) => `${width}px`).join(' ')}`;
  const totalWidth = numberWidth + widths.reduce((sum, width) => sum + width, 0);
  const numeric = result.columns.map((column) => isNumericType(column.type));
  const bodyHeight = result.rows.length * ROW_HEIGHT;
  const height = Math.min(MAX_HEIGHT, bodyHeight + ROW_HEIGHT + 2);

  const scrollIntoView = (row: number) => {
    const element = viewport.current;
    if (!element) return;
    const top = row * ROW_HEIGHT;
    const visible = element.clientHeight - ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + visible) element.scrollTop = top + ROW_HEIGHT - visible;
  };

  const move = (row: number, column: number) => {
    if (result.rows.length === 0 || result.columns.length === 0) return;
    const next = {
      row: Math.max(0, Math.min(result.rows.length - 1, row)),
      column: Math.max(0, Math.min(result.columns.length - 1, column)),
    };
    onActiveChange(next);
    scrollIntoView(next.row);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = active ?? { row: -1, column: 0 };
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c' && active) {
      event.preventDefault();
      onCopy(active);
      return;
    }
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 2);
    const moves: Record<string, [number, number]> = {
      ArrowDown: [current.row + 1, current.column],
      ArrowUp: [current.row - 1, current.column],
      ArrowRight: [current.row, current.column + 1],
      ArrowLeft: [current.row, current.column - 1],
      PageDown: [current.row + page, current.column],
      PageUp: [current.row - page, current.column],
      Home: event.ctrlKey ? [0, 0] : [current.row, 0],
      End: event.ctrlKey
        ? [result.rows.length - 1, current.column]
        : [current.row, result.columns.length - 1],
    };
    const target = moves[event.key];
    if (!target) return;
    event.preventDefault();
    move(target[0], target[1]);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(result.rows.length - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let index = first; index <= last; index++) {
    const row = result.rows[index] ?? [];
    rows.push(
      <div
        key={index}
        role="row"
        aria-rowindex={index + 2}
        className="grid-row"
        style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, gridTemplateColumns: template }}
      >
        <span className="grid-number" aria-hidden="true">
          {index + 1}
        </span>
        {result.columns.map((column, columnIndex) => {
          const value = row[columnIndex] ?? null;
          const selected = active?.row === index && active.column === columnIndex;
          return (
            <div
              key={columnIndex}
              role="cell"
              aria-colindex={columnIndex + 1}
              className={`grid-cell${numeric[columnIndex] ? ' numeric' : ''}`}
              data-null={value === null ? 'true' : undefined}
              data-active={selected ? 'true' : undefined}
              title={value ?? undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                viewport.current?.focus();
                move(index, columnIndex);
              }}
            >
              {value === null ? t('results.null') : value}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className="results-grid"
      role="table"
      aria-label={label}
      aria-rowcount={result.rows.length + 1}
      aria-colcount={result.columns.length}
      tabIndex={0}
      style={{ height }}
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div role="rowgroup" className="grid-head" style={{ width: totalWidth }}>
        <div role="row" aria-rowindex={1} className="grid-row" style={{ gridTemplateColumns: template }}>
          <span className="grid-number" aria-hidden="true">
            #
          </span>
          {result.columns.map((column, index) => (
            <div
              key={index}
              role="columnheader"
              aria-colindex={index + 1}
              className={`grid-cell${numeric[index] ? ' numeric' : ''}`}
              title={t('results.columnType', { name: column.name, type: column.type })}
            >
              <span className="grid-column-name">{column.name}</span>
              <span className="grid-column-type">{column.type}</span>
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: bodyHeight, width: totalWidth }}>
        {rows}
      </div>
    </div>
  );
}
