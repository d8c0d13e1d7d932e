import { useEffect, useState } from 'react';
import { CheckIcon, CopyIcon } from './icons';

type CopyState = 'idle' | 'done' | 'failed';

/** Copies `text`, also in pages that have no async clipboard; rejects when the copy is refused. */
export async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  // Pages that are not a secure context have no async clipboard.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('copy refused');
}

export interface CopyButtonProps {
  text: string;
  /** The accessible name, e.g. "Copy endpoint". */
  label: string;
  doneLabel: string;
  failedLabel: string;
  className?: string;
}

/** An icon button that copies `text`, then says so (visibly, and to screen readers). */
export function CopyButton({ text, label, doneLabel, failedLabel, className }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1600);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    writeClipboard(text).then(
      () => setState('done'),
      () => setState('failed'),
    );
  };

  return (
    <>
      <button
        type="button"
        className={`icon-button copy-button ${className ?? ''}`}
        aria-label={label}
        title={label}
        data-state={state}
        onClick={copy}
      >
        {state === 'done' ? <CheckIcon /> : <CopyIcon />}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'done' ? doneLabel : state === 'failed' ? failedLabel : ''}
      </span>
    </>
  );
}
