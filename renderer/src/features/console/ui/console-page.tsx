import type { ReactNode } from 'react';
import '../../../components/workbench.css';
import '../console.css';

/** A console page: the service's name and what it is for, then its tabs, lists and details. */
export function ConsolePage({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  return (
    <div className="workbench console">
      <header className="page-header">
        <h1>{title}</h1>
        <p className="lead">{lead}</p>
      </header>
      {children}
    </div>
  );
}

/**
 * A list of resources beside the selected one's detail (or a line saying to pick one); `children`
 * are the dialogs the list opens.
 */
export function ListDetail({
  list,
  selected,
  detail,
  placeholder,
  icon,
  layout,
  children,
}: {
  list: ReactNode;
  selected: string | undefined;
  detail(selected: string): ReactNode;
  placeholder: string;
  icon?: ReactNode;
  /** `narrow`: a list of names beside a wide detail; `even`: two halves. */
  layout?: 'narrow' | 'even';
  children?: ReactNode;
}) {
  return (
    <div className={layout ? `split split-${layout}` : 'split'}>
      {list}
      {selected ? (
        detail(selected)
      ) : (
        <div className="empty-state">
          {icon}
          {placeholder}
        </div>
      )}
      {children}
    </div>
  );
}
