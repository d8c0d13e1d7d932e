import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SqlSavedQuery } from '../../api/contract';
import type { useRequest } from '../../api/hooks';
import { TrashIcon } from '../../components/icons';
import { ErrorNotice } from '../console/ui/error-notice';
import { formatDateTime } from '../console/ui/format';

/** Saved queries by name: open one in the editor, rename it, delete it. */
export function SavedPanel({
  saved,
  currentId,
  onOpen,
  onRename,
  onDelete,
}: {
  saved: ReturnType<typeof useRequest<'sql.saved'>>;
  currentId: number | undefined;
  onOpen(query: SqlSavedQuery): void;
  onRename(query: SqlSavedQuery): void;
  onDelete(query: SqlSavedQuery): void;
}) {
  const { t, i18n } = useTranslation('sql');
  const [focused, setFocused] = useState<number | undefined>(undefined);
  const queries = saved.data ?? [];
  return (
    <div className="side-section">
      <ErrorNotice error={saved.error} />
      {saved.data && queries.length === 0 && <p className="side-empty">{t('saved.empty')}</p>}
      <ul className="side-list" aria-label={t('saved.label')}>
        {queries.map((query) => (
          <li key={query.id} data-current={query.id === currentId ? 'true' : undefined}>
            <button
              type="button"
              className="side-item"
              aria-label={t('saved.open', { name: query.name })}
              onClick={() => onOpen(query)}
              onFocus={() => setFocused(query.id)}
            >
              <span className="side-item-name">{query.name}</span>
              <span className="side-item-sql">{query.sql}</span>
              <span className="side-item-meta">
                <span>{query.engine === 'dynamodb' ? 'PartiQL' : (query.database ?? 'Athena')}</span>
                <span>{formatDateTime(i18n.language, query.updatedAt)}</span>
              </span>
            </button>
            <div className="side-item-actions" data-focused={focused === query.id ? 'true' : undefined}>
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={t('saved.rename', { name: query.name })}
                onClick={() => onRename(query)}
              >
                {t('saved.renameShort')}
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={t('saved.delete', { name: query.name })}
                title={t('saved.delete', { name: query.name })}
                onClick={() => onDelete(query)}
              >
                <TrashIcon />
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
