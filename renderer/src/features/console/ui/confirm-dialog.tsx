import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorInfo } from '../../../api/contract';
import { Dialog } from '../../../components/dialog';
import { BusyButton } from './busy-button';
import { ErrorNotice } from './error-notice';

/** "Delete X?": what will happen, the AWS error if it refused, the step running. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  pending,
  step,
  error,
  danger = true,
  disabled,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onClose(): void;
  pending: boolean;
  step?: string;
  error: ApiErrorInfo | undefined;
  danger?: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation('console');
  return (
    <Dialog
      title={title}
      closeLabel={t('common.close')}
      onClose={onClose}
      onSubmit={onConfirm}
      actions={
        <>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <BusyButton
            type="submit"
            busy={pending}
            disabled={disabled}
            className={danger ? 'button-danger-solid' : ''}
          >
            {confirmLabel}
          </BusyButton>
        </>
      }
    >
      {children}
      {pending && step && (
        <p className="loading-line" role="status">
          <span className="spinner" aria-hidden="true" />
          {step}
        </p>
      )}
      <ErrorNotice error={error} />
    </Dialog>
  );
}
