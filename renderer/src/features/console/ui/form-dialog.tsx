import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, type DialogProps } from '../../../components/dialog';
import { BusyButton } from './busy-button';
import { ErrorNotice } from './error-notice';
import type { Task } from './task';

/** A create or edit form in a dialog: Cancel, the submit button busy while `task` runs, its AWS error. */
export function FormDialog({
  title,
  description,
  submitLabel,
  task,
  disabled,
  onClose,
  onSubmit,
  size,
  children,
}: Pick<DialogProps, 'title' | 'description' | 'onClose' | 'size'> & {
  submitLabel: string;
  task: Pick<Task, 'pending' | 'error'>;
  disabled?: boolean;
  onSubmit(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation('console');
  return (
    <Dialog
      title={title}
      description={description}
      closeLabel={t('common.close')}
      onClose={onClose}
      onSubmit={onSubmit}
      size={size}
      actions={
        <>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <BusyButton type="submit" busy={task.pending} disabled={disabled}>
            {submitLabel}
          </BusyButton>
        </>
      }
    >
      {children}
      <ErrorNotice error={task.error} />
    </Dialog>
  );
}
