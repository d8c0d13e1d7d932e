import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './confirm-dialog';
import { useTask } from './task';

/** "Delete X?" that runs the deletion: its steps while it runs, the AWS error if it is refused. */
export function DeleteDialog({
  title,
  confirmLabel,
  onDelete,
  onDeleted,
  onClose,
  children,
}: {
  title: string;
  confirmLabel?: string;
  /** The SDK call(s); `report` names the step running. */
  onDelete(report: (step: string) => void): Promise<unknown>;
  /** After the deletion (the dialog has closed). */
  onDeleted(): void;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation('console');
  const task = useTask();
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel ?? t('common.delete')}
      pending={task.pending}
      step={task.step}
      error={task.error}
      onClose={onClose}
      onConfirm={() =>
        void task.run(async (report) => {
          await onDelete(report);
          onClose();
          onDeleted();
        })
      }
    >
      {children}
    </ConfirmDialog>
  );
}
