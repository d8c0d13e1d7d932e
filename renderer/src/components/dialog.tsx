import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { CloseIcon } from './icons';

export interface DialogProps {
  title: string;
  /** Under the title: what the dialog does. */
  description?: ReactNode;
  children: ReactNode;
  /** The buttons at the bottom (a submit button submits `onSubmit`). */
  actions: ReactNode;
  /** Esc, the close button, or a Cancel button. */
  onClose(): void;
  onSubmit?(): void;
  /** The close button's accessible name. */
  closeLabel: string;
  size?: 'normal' | 'wide';
}

/**
 * A modal dialog on the native `<dialog>`: `showModal()` makes the rest of the page inert (focus
 * stays inside), Esc closes it, and focus returns to what opened it. Rendered while open.
 */
export function Dialog({
  title,
  description,
  children,
  actions,
  onClose,
  onSubmit,
  closeLabel,
  size,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // The first field, else the first button: where a keyboard user starts.
    const first = dialog.querySelector<HTMLElement>(
      '.dialog-body input:not([type=hidden]):not(:disabled), .dialog-body select, .dialog-body textarea, .dialog-body [contenteditable=true], .dialog-footer button:not(:disabled)',
    );
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit?.();
  };

  return (
    <dialog
      ref={ref}
      className={`dialog ${size === 'wide' ? 'dialog-wide' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // Esc: the parent decides (it unmounts the dialog).
        event.preventDefault();
        onClose();
      }}
    >
      <form className="dialog-form" onSubmit={submit} noValidate>
        <header className="dialog-header">
          <div>
            <h2 id={titleId}>{title}</h2>
            {description && (
              <div id={descriptionId} className="dialog-description">
                {description}
              </div>
            )}
          </div>
          <button
            type="button"
            className="icon-button dialog-close"
            aria-label={closeLabel}
            onClick={onClose}
          >
            <CloseIcon />
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        <footer className="dialog-footer">{actions}</footer>
      </form>
    </dialog>
  );
}
