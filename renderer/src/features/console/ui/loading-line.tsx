import type { ReactNode } from 'react';

/** A spinner and what is under way (loading, a crawl running, a table being created). */
export function LoadingLine({ children }: { children: ReactNode }) {
  return (
    <p className="loading-line" role="status">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}
