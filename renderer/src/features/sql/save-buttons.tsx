import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-provider';
import type { ApiErrorInfo, SqlEngine, SqlSavedQuery } from '../../api/contract';
import { BusyButton } from '../console/ui/busy-button';
import { ErrorNotice } from '../console/ui/error-notice';
import { FormDialog } from '../console/ui/form-dialog';

/** "Save" updates the open saved query (or asks a name for a new one); "Save as new" always asks. */
export function SaveButtons({
  engine,
  text,
  database,
  workGroup,
  current,
  onSaved,
}: {
  engine: SqlEngine;
  text: string;
  database: string | undefined;
  workGroup: string | undefined;
  current: SqlSavedQuery | undefined;
  onSaved(query: SqlSavedQuery): void;
}) {
  const { t } = useTranslation('sql');
  const { bridge } = useApi();
  const [naming, setNaming] = useState(false);
  const [error, setError] = useState<ApiErrorInfo | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const target = {
    engine,
    sql: text,
    ...(database ? { database } : {}),
    ...(workGroup ? { workGroup } : {}),
  };

  const save = async (name: string, id?: number): Promise<ApiErrorInfo | undefined> => {
    const result = await bridge.invoke('sql.save', { ...target, name, ...(id ? { id } : {}) });
    if (!result.ok) return result.error;
    onSaved(result.value);
    return undefined;
  };

  return (
    <>
      <BusyButton
        type="button"
        className="button-secondary"
        busy={busy}
        disabled={text.trim() === ''}
        onClick={() => {
          if (!current) return setNaming(true);
          setBusy(true);
          void save(current.name, current.id).then((problem) => {
            setBusy(false);
            setError(problem);
          });
        }}
      >
        {t('save')}
      </BusyButton>
      {current && (
        <button
          type="button"
          className="button button-ghost"
          disabled={text.trim() === ''}
          onClick={() => setNaming(true)}
        >
          {t('saveAs')}
        </button>
      )}
      {error && <ErrorNotice error={error} />}
      {naming && (
        <NameDialog
          title={t('saved.saveTitle')}
          initial=""
          onClose={() => setNaming(false)}
          onSubmit={async (name) => {
            const problem = await save(name);
            if (!problem) setNaming(false);
            return problem;
          }}
        />
      )}
    </>
  );
}

/** Asks a saved query's name; shows what main refused. */
export function NameDialog({
  title,
  initial,
  onClose,
  onSubmit,
}: {
  title: string;
  initial: string;
  onClose(): void;
  onSubmit(name: string): Promise<ApiErrorInfo | undefined>;
}) {
  const { t } = useTranslation('sql');
  const [name, setName] = useState(initial);
  const [error, setError] = useState<ApiErrorInfo | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = () => {
    if (name.trim() === '') return;
    setBusy(true);
    void onSubmit(name.trim()).then((problem) => {
      setBusy(false);
      setError(problem);
    });
  };
  return (
    <FormDialog
      title={title}
      submitLabel={t('save')}
      task={{ pending: busy, error }}
      disabled={name.trim() === ''}
      onClose={onClose}
      onSubmit={submit}
    >
      <label className="field">
        <span className="field-label">{t('saved.name')}</span>
        <input
          className="text-input"
          value={name}
          maxLength={128}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
    </FormDialog>
  );
}
