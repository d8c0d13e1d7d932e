import { autocompletion } from '@codemirror/autocomplete';
import { StandardSQL, type SQLConfig } from '@codemirror/lang-sql';
import { Prec } from '@codemirror/state';
import { keymap, type EditorView } from '@codemirror/view';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-provider';
import { useCloudQuery } from '../../api/cloud-sdk';
import type { ApiErrorInfo, SqlHistoryEntry, SqlSavedQuery } from '../../api/contract';
import { useRequest } from '../../api/hooks';
import { CodeEditor } from '../../components/code-editor';
import { PlayIcon, RefreshIcon, StopIcon, TerminalIcon } from '../../components/icons';
import { Card } from '../console/ui/card';
import { ErrorNotice } from '../console/ui/error-notice';
import { QueryStatus } from './query-status';
import { ResultLocation, ResultLocationDialog } from './result-location';
import type { ResultSet, ResultSource } from './result-set';
import { ResultsPanel } from './results-panel';
import { SaveButtons } from './save-buttons';
import { QueryError, runQuery, type QueryStats } from './run-query';
import { SidePanel } from './side-panel';
import { statementToRun, type Statement } from './statements';
import { completionSchema, useCatalogTables, useDatabases } from './use-catalog';
import { useStoredState } from './use-stored-state';
import '../../components/workbench.css';
import '../console/console.css';
import './sql.css';

type Engine = 'athena' | 'dynamodb';
const ENGINES: readonly Engine[] = ['athena', 'dynamodb'];
const isEngine = (value: unknown): value is Engine => value === 'athena' || value === 'dynamodb';
const isText = (value: unknown): value is string => typeof value === 'string';

/** A run as the page shows it: the statement's place in the editor, for an error's line:column. */
export type RunView =
  | { phase: 'idle' }
  | {
      phase: 'running' | 'done' | 'failed';
      source: ResultSource;
      /** Where the statement starts in the editor's text. */
      statementFrom: number;
      startedAt: number;
      stats: QueryStats;
      result?: ResultSet;
      error?: ApiErrorInfo;
    };

/** `line 2:5` of Athena's message, as an offset into the text the statement came from. */
function errorOffset(
  text: string,
  statementFrom: number,
  message: string,
): { line: number; column: number; offset: number } | undefined {
  const match = /line (\d+):(\d+)/.exec(message);
  if (!match) return undefined;
  const line = Number(match[1]);
  const column = Number(match[2]);
  let offset = statementFrom;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) break;
    offset = next + 1;
  }
  // Columns of the statement's first line count from the statement's start.
  return { line, column, offset: Math.min(text.length, offset + column - 1) };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

const RUN_EVENT = 'iotlab-sql-run';
/** The editor's own extensions: Ctrl/Cmd+Enter (before CodeMirror's bindings) and completion. */
const editorExtensions = [
  Prec.highest(
    keymap.of([
      {
        key: 'Mod-Enter',
        run: (view) => {
          view.dom.dispatchEvent(new CustomEvent(RUN_EVENT, { bubbles: true, composed: true }));
          return true;
        },
      },
    ]),
  ),
  autocompletion({ icons: false }),
];

/** The SQL editor (`#/sql`): Athena over the lake, or DynamoDB PartiQL; one statement per run. */
export function SqlPage() {
  const { t } = useTranslation('sql');
  const { bridge } = useApi();
  const [engine, setEngine] = useStoredState('iotlab.sql.engine', 'athena', isEngine);
  const info = useRequest('app.info');
  const [chosenWorkGroup, setWorkGroup] = useStoredState('iotlab.sql.workGroup', '', isText);
  const [storedDatabase, setDatabase] = useStoredState('iotlab.sql.database', '', isText);
  const [athenaText, setAthenaText] = useStoredState('iotlab.sql.text.athena', '', isText);
  const [dynamodbText, setDynamodbText] = useStoredState('iotlab.sql.text.dynamodb', '', isText);
  const text = engine === 'athena' ? athenaText : dynamodbText;
  const setText = engine === 'athena' ? setAthenaText : setDynamodbText;

  const workGroups = useCloudQuery(
    'athena',
    'ListWorkGroups',
    engine === 'athena' ? { MaxResults: 50 } : null,
  );
  // The app's work group (AWS mode: `iot-lab`, with its bytes-scanned cutoff) unless the student chose
  // another that this account has.
  const knownGroups = (workGroups.data?.WorkGroups ?? []).map((group) => group.Name ?? '');
  const workGroup =
    chosenWorkGroup && (workGroups.data === undefined || knownGroups.includes(chosenWorkGroup))
      ? chosenWorkGroup
      : (info.data?.athenaWorkGroup ?? 'primary');
  const workGroupDetails = useCloudQuery(
    'athena',
    'GetWorkGroup',
    engine === 'athena' ? { WorkGroup: workGroup } : null,
  );
  const databases = useDatabases();
  const database = databases.names.includes(storedDatabase) ? storedDatabase : databases.names[0];
  const catalog = useCatalogTables(engine, engine === 'athena' ? database : undefined);

  const [run, setRun] = useState<RunView>({ phase: 'idle' });
  const [runs, setRuns] = useState(0);
  const controller = useRef<AbortController | undefined>(undefined);
  const viewRef = useRef<EditorView | null>(null);
  const [historyGeneration, setHistoryGeneration] = useState(0);
  const saved = useRequest('sql.saved');
  const [currentSaved, setCurrentSaved] = useState<SqlSavedQuery | undefined>(undefined);
  const [settingLocation, setSettingLocation] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const running = run.phase === 'running';

  // Leaving the page stops waiting (and stops the Athena query).
  useEffect(() => () => controller.current?.abort(), []);

  const execute = useCallback(
    async (statement: Statement) => {
      if (controller.current) return;
      setNotice(undefined);
      const source: ResultSource =
        engine === 'athena'
          ? { engine, sql: statement.text, ...(database ? { database } : {}), workGroup }
          : { engine, sql: statement.text };
      const abort = new AbortController();
      controller.current = abort;
      const startedAt = performance.now();
      const base = { source, statementFrom: statement.from, startedAt };
      setRun({
        phase: 'running',
        ...base,
        stats: { state: engine === 'athena' ? 'QUEUED' : 'RUNNING', elapsedMs: 0 },
      });
      let view: RunView;
      try {
        const answer = await runQuery(bridge, source, abort.signal, (stats) =>
          setRun((previous) =>
            previous.phase === 'running' && previous.source === source ? { ...previous, stats } : previous,
          ),
        );
        view = { phase: 'done', ...base, stats: answer.stats, result: answer.result };
      } catch (caught) {
        const error =
          caught instanceof QueryError
            ? caught
            : new QueryError('Error', caught instanceof Error ? caught.message : String(caught), {
                state: 'FAILED',
                elapsedMs: Math.round(performance.now() - startedAt),
              });
        view = {
          phase: 'failed',
          ...base,
          stats: error.stats,
          error: { code: error.code, message: error.message },
        };
      } finally {
        if (controller.current === abort) controller.current = undefined;
      }
      setRun(view);
      setRuns((count) => count + 1);
      const { stats } = view;
      const state = stats.state === 'SUCCEEDED' || stats.state === 'CANCELLED' ? stats.state : 'FAILED';
      void bridge
        .invoke('sql.record', {
          engine: source.engine,
          sql: source.sql,
          ...(source.database ? { database: source.database } : {}),
          ...(source.workGroup ? { workGroup: source.workGroup } : {}),
          state,
          ...(stats.queryExecutionId ? { queryExecutionId: stats.queryExecutionId } : {}),
          ...(stats.engineMs !== undefined ? { engineMs: stats.engineMs } : {}),
          elapsedMs: stats.elapsedMs,
          ...(stats.bytesScanned !== undefined ? { bytesScanned: stats.bytesScanned } : {}),
          ...(stats.rows !== undefined ? { rows: stats.rows } : {}),
          ...(view.error ? { error: view.error.message.slice(0, 4096) } : {}),
        })
        .then(() => setHistoryGeneration((value) => value + 1));
    },
    [bridge, engine, database, workGroup],
  );

  /** Ctrl/Cmd+Enter and the Run button: the selection, else the statement under the cursor. */
  const runFromEditor = useCallback(() => {
    const state = viewRef.current?.state;
    const statement = state
      ? statementToRun(state.doc.toString(), state.selection.main)
      : statementToRun(text, { from: 0, to: 0 });
    if (!statement) setNotice(t('nothingToRun'));
    else void execute(statement);
  }, [execute, t, text]);
  // Ctrl/Cmd+Enter in the editor: the key binding sends RUN_EVENT out of the editor's shadow root.
  const editorHost = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = editorHost.current;
    if (!host) return;
    const onRun = () => runFromEditor();
    host.addEventListener(RUN_EVENT, onRun);
    return () => host.removeEventListener(RUN_EVENT, onRun);
  }, [runFromEditor]);

  const sqlConfig = useMemo<SQLConfig>(
    () => ({
      dialect: StandardSQL,
      upperCaseKeywords: true,
      schema:
        engine === 'athena'
          ? completionSchema(databases.names, database, catalog.tables)
          : completionSchema([], undefined, catalog.tables),
      ...(engine === 'athena' && database ? { defaultSchema: database } : {}),
    }),
    [engine, databases.names, database, catalog.tables],
  );

  /** Puts a statement at the end of the editor (after the user's), places the cursor in it, runs it. */
  const appendAndRun = (sql: string) => {
    const view = viewRef.current;
    const current = view ? view.state.doc.toString() : text;
    const kept = current.trimEnd();
    const prefix = kept === '' ? '' : /;$/.test(kept) ? `${kept}\n\n` : `${kept};\n\n`;
    const next = prefix + sql;
    if (view) {
      view.dispatch({
        changes: { from: 0, to: current.length, insert: next },
        selection: { anchor: next.length },
        scrollIntoView: true,
      });
    } else setText(next);
    void execute({ text: sql, from: prefix.length, to: next.length });
  };

  const preview = (table: string) =>
    appendAndRun(
      engine === 'athena' && database
        ? `SELECT * FROM ${quote(database)}.${quote(table)} LIMIT 10`
        : `SELECT * FROM ${quote(table)}`,
    );

  const insertAtCursor = (insert: string) => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch(view.state.replaceSelection(insert));
    view.focus();
  };

  const replaceText = (sql: string) => {
    const view = viewRef.current;
    if (view)
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: sql },
        selection: { anchor: sql.length },
      });
    else setText(sql);
  };

  const openQuery = (query: Pick<SqlHistoryEntry, 'engine' | 'sql' | 'database' | 'workGroup'>) => {
    if (query.engine === 'athena') {
      if (query.database) setDatabase(query.database);
      if (query.workGroup) setWorkGroup(query.workGroup);
    }
    if (query.engine === engine) replaceText(query.sql);
    else {
      (query.engine === 'athena' ? setAthenaText : setDynamodbText)(query.sql);
      setEngine(query.engine);
    }
  };

  const goToError = (offset: number) => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch({ selection: { anchor: offset }, scrollIntoView: true });
    view.focus();
  };

  const error = run.phase === 'failed' && run.stats.state !== 'CANCELLED' ? run.error : undefined;
  const limitCancel =
    run.phase === 'failed' && run.stats.state === 'CANCELLED' && run.error?.code !== 'Cancelled'
      ? run.error
      : undefined;
  const position =
    error && run.phase === 'failed' ? errorOffset(text, run.statementFrom, error.message) : undefined;
  const needsLocation = error?.message.includes('No output location provided') ?? false;

  return (
    <div className="workbench console sql-page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="lead">{t('lead')}</p>
      </header>
      <div className="sql-layout">
        <SidePanel
          engine={engine}
          catalog={catalog}
          noDatabase={engine === 'athena' && Boolean(databases.data) && databases.names.length === 0}
          saved={saved}
          currentSaved={currentSaved}
          historyGeneration={historyGeneration}
          onPreview={preview}
          onInsert={insertAtCursor}
          onOpenHistory={openQuery}
          onOpenSaved={(query) => {
            openQuery(query);
            setCurrentSaved(query);
          }}
          onSavedChange={(query) => setCurrentSaved(query)}
          onHistoryCleared={() => setHistoryGeneration((value) => value + 1)}
        />
        <div className="stack sql-main">
          <Card
            icon={<TerminalIcon />}
            title={t('editor')}
            badge={
              currentSaved && currentSaved.engine === engine ? (
                <span className="muted">{t('saved.current', { name: currentSaved.name })}</span>
              ) : undefined
            }
          >
            <div className="toolbar sql-targets">
              <label className="field">
                <span className="field-label">{t('engine')}</span>
                <select
                  className="text-input"
                  value={engine}
                  onChange={(event) => setEngine(event.target.value as Engine)}
                >
                  {ENGINES.map((option) => (
                    <option key={option} value={option}>
                      {t(`engines.${option}`)}
                    </option>
                  ))}
                </select>
              </label>
              {engine === 'athena' && (
                <>
                  <label className="field">
                    <span className="field-label">{t('workGroup')}</span>
                    <select
                      className="text-input"
                      value={workGroup}
                      onChange={(event) => setWorkGroup(event.target.value)}
                    >
                      {[...new Set([workGroup, ...knownGroups])]
                        .filter(Boolean)
                        .sort()
                        .map((name) => (
                          <option key={name} value={name}>
                            {name}
                          </option>
                        ))}
                    </select>
                  </label>
                  <label className="field grow">
                    <span className="field-label">{t('database')}</span>
                    <select
                      className="text-input"
                      value={database ?? ''}
                      disabled={databases.names.length === 0}
                      onChange={(event) => setDatabase(event.target.value)}
                    >
                      {databases.names.length === 0 && <option value="">{t('noDatabase')}</option>}
                      {databases.names.map((name) => (
                        <option key={name} value={name}>
                          {name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button
                    type="button"
                    className="icon-button sql-refresh"
                    aria-label={t('common.refresh')}
                    title={t('common.refresh')}
                    onClick={() => {
                      databases.reload();
                      catalog.reload();
                      workGroups.reload();
                      workGroupDetails.reload();
                    }}
                  >
                    <RefreshIcon />
                  </button>
                </>
              )}
            </div>
            {engine === 'athena' && <ResultLocation workGroup={workGroup} details={workGroupDetails} />}
            <div ref={editorHost}>
              <CodeEditor
                value={text}
                onChange={setText}
                language="sql"
                label={t('editor')}
                placeholderText={t(`placeholder.${engine}`)}
                size="large"
                sqlConfig={sqlConfig}
                extensions={editorExtensions}
                viewRef={viewRef}
                description={error?.message}
                invalid={Boolean(error)}
              />
            </div>
            <div className="button-row sql-actions">
              <button
                type="button"
                className="button"
                title={t('runHint')}
                disabled={running}
                onClick={runFromEditor}
              >
                <PlayIcon aria-hidden="true" />
                {t('run')}
                <kbd className="sql-kbd">{navigator.platform.startsWith('Mac') ? '⌘↵' : 'Ctrl+↵'}</kbd>
              </button>
              <button
                type="button"
                className="button button-danger"
                disabled={!running}
                onClick={() => controller.current?.abort()}
              >
                <StopIcon aria-hidden="true" />
                {t('cancel')}
              </button>
              <SaveButtons
                engine={engine}
                text={text}
                database={engine === 'athena' ? database : undefined}
                workGroup={engine === 'athena' ? workGroup : undefined}
                current={currentSaved && currentSaved.engine === engine ? currentSaved : undefined}
                onSaved={(query) => {
                  setCurrentSaved(query);
                  saved.reload();
                }}
              />
            </div>
            {notice && <p className="notice notice-info">{notice}</p>}
            {error && (
              <div className="sql-error">
                <ErrorNotice error={error} />
                <div className="button-row">
                  {position && (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => goToError(position.offset)}
                    >
                      {t('errorAt', { line: position.line, column: position.column })}
                    </button>
                  )}
                  {needsLocation && (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setSettingLocation(true)}
                    >
                      {t('resultLocation.set')}
                    </button>
                  )}
                </div>
              </div>
            )}
            {limitCancel && (
              <p className="notice notice-warning" role="alert">
                {limitCancel.message}
              </p>
            )}
            {run.phase !== 'idle' && (
              <QueryStatus
                stats={run.stats}
                engine={run.source.engine}
                runs={runs}
                // The run time ticks in the status line while the answer is awaited.
                startedAt={running ? run.startedAt : undefined}
              />
            )}
          </Card>
          <ResultsPanel run={run} />
        </div>
      </div>
      {settingLocation && (
        <ResultLocationDialog
          workGroup={workGroup}
          current={workGroupDetails.data?.WorkGroup?.Configuration?.ResultConfiguration?.OutputLocation ?? ''}
          onClose={() => setSettingLocation(false)}
          onSaved={() => {
            setSettingLocation(false);
            workGroupDetails.reload();
          }}
        />
      )}
    </div>
  );
}
