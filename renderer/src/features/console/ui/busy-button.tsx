import type { ButtonHTMLAttributes, ReactNode } from 'react';

/** A button that shows a spinner (and is disabled) while its action runs. */
export function BusyButton({
  busy,
  children,
  className,
  disabled,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { busy: boolean; children: ReactNode }) {
  return (
    <button
      {...props}
      className={`button ${className ?? ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
