import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-provider';
import type { ApiErrorInfo, SqlHistoryEntry, SqlSavedQuery } from '../../api/contract';
import type { useRequest } from '../../api/hooks';
import { ConfirmDialog } from '../console/ui/confirm-dialog';
import { HistoryPanel } from './history-panel';
import { NameDialog } from './save-buttons';
import { SavedPanel } from './saved-panel';
import { SchemaBrowser } from './schema-browser';
import type { CatalogState } from './use-catalog';

type Tab = 'tables' | 'history' | 'saved';
const TABS: readonly Tab[] = ['tables', 'history', 'saved'];

/** Beside the editor: the catalog's tables, the history, the saved queries (one tab each). */
export function SidePanel({
  engine,
  catalog,
  noDatabase,
  saved,
  currentSaved,
  historyGeneration,
  onPreview,
  onInsert,
  onOpenHistory,
  onOpenSaved,
  onSavedChange,
  onHistoryCleared,
}: {
  engine: 'athena' | 'dynamodb';
  catalog: CatalogState;
  noDatabase: boolean;
  saved: ReturnType<typeof useRequest<'sql.saved'>>;
  currentSaved: SqlSavedQuery | undefined;
  historyGeneration: number;
  onPreview(table: string): void;
  onInsert(text: string): void;
  onOpenHistory(entry: SqlHistoryEntry): void;
  onOpenSaved(query: SqlSavedQuery): void;
  /** The open saved query was renamed (the query) or deleted (undefined). */
  onSavedChange(query: SqlSavedQuery | undefined): void;
  onHistoryCleared(): void;
}) {
  const { t } = useTranslation('sql');
  const { bridge } = useApi();
  const [tab, setTab] = useState<Tab>('tables');
  const [renaming, setRenaming] = useState<SqlSavedQuery | undefined>(undefined);
  const [deleting, setDeleting] = useState<SqlSavedQuery | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorInfo | undefined>(undefined);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length] ?? 'tables';
    setTab(next);
    event.currentTarget.querySelector<HTMLElement>(`#sql-tab-${next}`)?.focus();
  };

  const remove = async (query: SqlSavedQuery) => {
    setPending(true);
    const result = await bridge.invoke('sql.deleteSaved', { id: query.id });
    setPending(false);
    if (!result.ok) return setError(result.error);
    setDeleting(undefined);
    if (currentSaved?.id === query.id) onSavedChange(undefined);
    saved.reload();
  };

  return (
    <aside className="card sql-side" aria-label={t('side.label')}>
      <div className="sql-tabs" role="tablist" aria-label={t('side.label')} onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            id={`sql-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls={`sql-tabpanel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {t(`side.${name}`)}
          </button>
        ))}
      </div>
      <div
        id={`sql-tabpanel-${tab}`}
        role="tabpanel"
        aria-labelledby={`sql-tab-${tab}`}
        className="sql-tabpanel"
      >
        {tab === 'tables' && (
          <SchemaBrowser
            catalog={catalog}
            engine={engine}
            noDatabase={noDatabase}
            onPreview={onPreview}
            onInsert={onInsert}
          />
        )}
        {tab === 'history' && (
          <HistoryPanel
            generation={historyGeneration}
            onOpen={onOpenHistory}
            onClear={() => void bridge.invoke('sql.clearHistory').then(onHistoryCleared)}
          />
        )}
        {tab === 'saved' && (
          <SavedPanel
            saved={saved}
            currentId={currentSaved?.id}
            onOpen={onOpenSaved}
            onRename={setRenaming}
            onDelete={(query) => {
              setError(undefined);
              setDeleting(query);
            }}
          />
        )}
      </div>
      {renaming && (
        <NameDialog
          title={t('saved.renameTitle')}
          initial={renaming.name}
          onClose={() => setRenaming(undefined)}
          onSubmit={async (name) => {
            const result = await bridge.invoke('sql.rename', { id: renaming.id, name });
            if (!result.ok) return result.error;
            if (currentSaved?.id === renaming.id) onSavedChange(result.value);
            setRenaming(undefined);
            saved.reload();
            return undefined;
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('saved.deleteTitle')}
          confirmLabel={t('common.delete')}
          pending={pending}
          error={error}
          onClose={() => setDeleting(undefined)}
          onConfirm={() => void remove(deleting)}
        >
          <p>{t('saved.deleteBody', { name: deleting.name })}</p>
        </ConfirmDialog>
      )}
    </aside>
  );
}
