import type { ReactNode } from 'react';

export type Tone = 'success' | 'warning' | 'danger' | 'neutral' | 'info';

/** A short coloured state label with a dot; the colour is never the only cue (the text says it). */
export function StatusPill({ tone, children, pulse }: { tone: Tone; children: ReactNode; pulse?: boolean }) {
  return (
    <span className={`pill pill-${tone}`} data-pulse={pulse ? 'true' : undefined}>
      <span className="pill-dot" aria-hidden="true" />
      {children}
    </span>
  );
}
