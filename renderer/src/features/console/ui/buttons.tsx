import { useTranslation } from 'react-i18next';
import { PlusIcon, RefreshIcon, TrashIcon } from '../../../components/icons';

/** Loads a list or a detail again (what AWS's console's ↻ does). */
export function RefreshButton({ onClick }: { onClick(): void }) {
  const { t } = useTranslation('console');
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={t('common.refresh')}
      title={t('common.refresh')}
      onClick={onClick}
    >
      <RefreshIcon />
    </button>
  );
}

/** Opens a create dialog: a labelled button, or a `+` named by its label where the card is narrow. */
export function CreateButton({
  label,
  onClick,
  compact,
}: {
  label: string;
  onClick(): void;
  compact?: boolean;
}) {
  if (compact) {
    return (
      <button type="button" className="icon-button" aria-label={label} title={label} onClick={onClick}>
        <PlusIcon />
      </button>
    );
  }
  return (
    <button type="button" className="button" onClick={onClick}>
      <PlusIcon />
      {label}
    </button>
  );
}

/** Opens a delete confirmation. */
export function DeleteButton({ onClick, label }: { onClick(): void; label?: string }) {
  const { t } = useTranslation('console');
  return (
    <button type="button" className="button button-danger" onClick={onClick}>
      <TrashIcon />
      {label ?? t('common.delete')}
    </button>
  );
}
