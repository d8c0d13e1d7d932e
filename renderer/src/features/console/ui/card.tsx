import { useId, type ReactNode } from 'react';

/** The pages' card: an icon, a title (the section's accessible name), a line under it, actions. */
export function Card({
  icon,
  title,
  lead,
  actions,
  children,
  className,
  badge,
}: {
  icon?: ReactNode;
  title: ReactNode;
  lead?: ReactNode;
  actions?: ReactNode;
  badge?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const titleId = useId();
  return (
    <section className={`card ${className ?? ''}`} aria-labelledby={titleId}>
      <header className="card-header wb-card-header">
        {icon && (
          <span className="card-icon" aria-hidden="true">
            {icon}
          </span>
        )}
        <div className="card-title-row">
          <h2 id={titleId}>{title}</h2>
          {badge}
        </div>
        {actions && <div className="button-row card-actions">{actions}</div>}
        {lead && <div className="card-lead">{lead}</div>}
      </header>
      {children}
    </section>
  );
}
