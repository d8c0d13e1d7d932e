import { useDeferredValue, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SqlHistoryEntry } from '../../api/contract';
import { useRequest } from '../../api/hooks';
import { SearchIcon, TrashIcon } from '../../components/icons';
import { StatusPill } from '../../components/status-pill';
import { ErrorNotice } from '../console/ui/error-notice';
import { formatBytes, formatDateTime } from '../console/ui/format';
import { stateTone } from './query-status';

/** Every run, newest first, searchable; a run opens its SQL (and its target) in the editor. */
export function HistoryPanel({
  generation,
  onOpen,
  onClear,
}: {
  /** Changes after each run, so the list reloads. */
  generation: number;
  onOpen(entry: SqlHistoryEntry): void;
  onClear(): void;
}) {
  const { t, i18n } = useTranslation('sql');
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const history = useRequest('sql.history', { search: deferred, limit: 200 });
  const { reload } = history;
  useEffect(() => {
    if (generation > 0) reload();
  }, [generation, reload]);
  const entries = history.data ?? [];
  return (
    <div className="side-section">
      <div className="side-search">
        <label className="search-field">
          <SearchIcon aria-hidden="true" />
          <input
            type="search"
            className="text-input"
            aria-label={t('history.search')}
            placeholder={t('history.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
        <button
          type="button"
          className="icon-button"
          aria-label={t('history.clear')}
          title={t('history.clear')}
          disabled={entries.length === 0 || deferred !== ''}
          onClick={onClear}
        >
          <TrashIcon />
        </button>
      </div>
      <ErrorNotice error={history.error} />
      {history.data && entries.length === 0 && (
        <p className="side-empty">
          {deferred ? t('history.noMatch', { search: deferred }) : t('history.empty')}
        </p>
      )}
      <ul className="side-list" aria-label={t('history.label')}>
        {entries.map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              className="side-item"
              title={t('history.open')}
              onClick={() => onOpen(entry)}
            >
              <span className="side-item-sql">{entry.sql}</span>
              <span className="side-item-meta">
                <StatusPill tone={stateTone(entry.state)}>{t(`state.${entry.state}`)}</StatusPill>
                <span>{formatDateTime(i18n.language, entry.at)}</span>
                {entry.bytesScanned !== undefined && (
                  <span>{formatBytes(i18n.language, entry.bytesScanned)}</span>
                )}
                <span>{entry.engine === 'dynamodb' ? 'PartiQL' : (entry.database ?? '')}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
