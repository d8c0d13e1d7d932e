import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualListProps {
  itemCount: number;
  /** Every row has this height (px): what makes windowing a subtraction. */
  rowHeight: number;
  /** The viewport's height (px). */
  height: number;
  /** The listbox's accessible name. */
  label: string;
  /** A row's content; the list positions it and makes it an option. */
  renderRow(index: number): ReactNode;
  /** The DOM id of row `index` (for `aria-activedescendant`). */
  rowId(index: number): string;
  activeIndex: number | undefined;
  onActiveIndexChange(index: number): void;
  /**
   * Rows ever added at the top. When it grows while the user has scrolled down, the view moves by
   * as many rows, so what they read stays in place (newest-first lists).
   */
  addedAtTop?: number;
  /** Rows drawn beyond the viewport on each side. */
  overscan?: number;
  className?: string;
  emptyText?: ReactNode;
}

/**
 * A windowed listbox: only the rows in view (and a few around) exist in the DOM, so a list of
 * thousands of rows renders in constant time. Arrow keys, Page Up/Down, Home and End move the
 * active row, which is scrolled into view.
 */
export function VirtualList({
  itemCount,
  rowHeight,
  height,
  label,
  renderRow,
  rowId,
  activeIndex,
  onActiveIndexChange,
  addedAtTop = 0,
  overscan = 6,
  className,
  emptyText,
}: VirtualListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const previousAdded = useRef(addedAtTop);

  // Keep the reader's place when rows arrive at the top.
  useLayoutEffect(() => {
    const added = addedAtTop - previousAdded.current;
    previousAdded.current = addedAtTop;
    const element = viewport.current;
    if (!element || added <= 0 || element.scrollTop === 0) return;
    element.scrollTop += added * rowHeight;
    setScrollTop(element.scrollTop);
  }, [addedAtTop, rowHeight]);

  const scrollIntoView = (index: number) => {
    const element = viewport.current;
    if (!element) return;
    const top = index * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + height) element.scrollTop = top + rowHeight - height;
    setScrollTop(element.scrollTop);
  };

  const move = (index: number) => {
    if (itemCount === 0) return;
    const next = Math.max(0, Math.min(itemCount - 1, index));
    onActiveIndexChange(next);
    scrollIntoView(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const current = activeIndex ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: itemCount - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    move(target);
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(itemCount - 1, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let index = first; index <= last; index++) {
    rows.push(
      <div
        key={rowId(index)}
        id={rowId(index)}
        role="option"
        aria-selected={index === activeIndex}
        aria-posinset={index + 1}
        aria-setsize={itemCount}
        className="virtual-row"
        style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          viewport.current?.focus();
          move(index);
        }}
      >
        {renderRow(index)}
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className={`virtual-list ${className ?? ''}`}
      style={{ height }}
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={
        activeIndex !== undefined && activeIndex < itemCount ? rowId(activeIndex) : undefined
      }
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      {itemCount === 0 && emptyText ? <div className="virtual-empty">{emptyText}</div> : null}
      <div className="virtual-spacer" style={{ height: itemCount * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
