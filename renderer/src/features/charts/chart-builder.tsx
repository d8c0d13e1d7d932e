import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorInfo, ChartKind, ChartQuery, ChartSpec, SavedChart } from '../../api/contract';
import { useCloudStatus } from '../../api/cloud';
import { errorInfoOf } from '../../api/cloud-sdk';
import { useAction, useRequest } from '../../api/hooks';
import { navigate, pageHref } from '../../app/use-route';
import { CodeEditor } from '../../components/code-editor';
import { ArrowLeftIcon } from '../lessons/icons';
import { PlayIcon } from '../../components/icons';
import { BusyButton } from '../console/ui/busy-button';
import { Card } from '../console/ui/card';
import { ErrorNotice } from '../console/ui/error-notice';
import { QueryError, useRunQuery, type QueryStats, type ResultSet } from '../sql';
import { currentDraft } from './chart-draft';
import { ChartView } from './chart-view';
import { SpecProblemNotice } from './spec-problem';
import { ChartIcon } from './icons';
import { conditionsExample, LESSON_DATABASE, temperaturesExample } from './examples';
import { checkSpec } from './model/chart-data';
import { describeColumns, type ColumnInfo } from './model/column-kinds';
import { adaptSpec, suggestSpec } from './model/suggest-spec';

const KINDS: readonly ChartKind[] = ['line', 'bar', 'scatter'];

const blankQuery = (): ChartQuery => ({
  engine: 'athena',
  sql: '',
  database: LESSON_DATABASE,
});

/** A query's run as the builder shows it. */
interface Run {
  result?: ResultSet;
  stats?: QueryStats;
  error?: ApiErrorInfo;
}

/** Runs a query, one at a time; a new run or leaving the page cancels the one running. */
export function useChartQuery(initial: Run = {}) {
  const runQuery = useRunQuery();
  const [run, setRun] = useState<Run>(initial);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);

  const start = useCallback(
    async (source: ChartQuery): Promise<ResultSet | undefined> => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setRunning(true);
      try {
        const answer = await runQuery(source, current.signal);
        if (current.signal.aborted) return undefined;
        setRun({ result: answer.result, stats: answer.stats });
        return answer.result;
      } catch (error) {
        if (current.signal.aborted) return undefined;
        setRun({
          error:
            error instanceof QueryError
              ? { code: error.code, message: error.message }
              : errorInfoOf(error),
        });
        return undefined;
      } finally {
        if (controller.current === current) setRunning(false);
      }
    },
    [runQuery],
  );
  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = undefined;
    setRunning(false);
  }, []);
  useEffect(() => () => controller.current?.abort(), []);
  return { run, running, start, cancel };
}

function useDefaultTitle() {
  const { t } = useTranslation('charts');
  return (spec: ChartSpec) =>
    spec.series
      ? t('builder.defaultTitleSeries', { y: spec.y.join(', '), x: spec.x, series: spec.series })
      : t('builder.defaultTitle', { y: spec.y.join(', '), x: spec.x });
}

function columnLabel(column: ColumnInfo, kindName: string): string {
  return `${column.name} (${kindName})`;
}

/** A column picked from a list, each named with its kind; `noneLabel` offers no column at all. */
function ColumnSelect({
  label,
  columns,
  value,
  noneLabel,
  onChange,
}: {
  label: string;
  columns: ColumnInfo[];
  value: string | undefined;
  noneLabel?: string;
  onChange(value: string | undefined): void;
}) {
  const { t } = useTranslation('charts');
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="text-input"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || undefined)}
      >
        {noneLabel !== undefined && <option value="">{noneLabel}</option>}
        {columns.map((column) => (
          <option key={column.name} value={column.name}>
            {columnLabel(column, t(`builder.columnKinds.${column.kind}`))}
          </option>
        ))}
      </select>
    </div>
  );
}

function SpecForm({
  columns,
  spec,
  onChange,
}: {
  columns: ColumnInfo[];
  spec: ChartSpec;
  onChange(spec: ChartSpec): void;
}) {
  const { t } = useTranslation('charts');
  const kindName = (column: ColumnInfo) => t(`builder.columnKinds.${column.kind}`);
  const others = columns.filter((column) => column.name !== spec.x);
  const quantities = others.filter((column) => column.name !== spec.series);

  return (
    <div className="builder-spec">
      <fieldset>
        <legend className="field-label">{t('builder.kind')}</legend>
        <div className="chart-type-choice">
          {KINDS.map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="chart-kind"
                value={kind}
                checked={spec.kind === kind}
                onChange={() => onChange({ ...spec, kind })}
              />
              {t(`builder.kinds.${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <ColumnSelect
        label={t('builder.x')}
        columns={columns}
        value={spec.x}
        onChange={(x = '') =>
          onChange({
            ...spec,
            x,
            y: spec.y.filter((name) => name !== x),
            ...(spec.series === x ? { series: undefined } : {}),
          })
        }
      />
      <fieldset>
        <legend className="field-label">{t('builder.y')}</legend>
        <div className="column-checks">
          {quantities.map((column) => (
            <label key={column.name} className="checkbox">
              <input
                type="checkbox"
                checked={spec.y.includes(column.name)}
                onChange={(event) =>
                  onChange({
                    ...spec,
                    y: event.target.checked
                      ? columns
                          .map((c) => c.name)
                          .filter((name) => name === column.name || spec.y.includes(name))
                      : spec.y.filter((name) => name !== column.name),
                  })
                }
              />
              {column.name} <span className="column-kind">{kindName(column)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <ColumnSelect
        label={t('builder.series')}
        columns={others}
        value={spec.series}
        noneLabel={t('builder.noSeries')}
        onChange={(series) => onChange({ ...spec, series, y: spec.y.filter((name) => name !== series) })}
      />
    </div>
  );
}

/**
 * Builds a chart: a query (typed, an example of lesson 09, or the SQL editor's result), run; then
 * its columns picked with defaults from their kinds; saved to the dashboard. `editing`: a saved chart.
 */
export function ChartBuilder({ editing }: { editing?: SavedChart }) {
  const { t, i18n } = useTranslation('charts');
  const cloud = useCloudStatus();
  const accountId = cloud.data?.endpoints?.accountId;
  const defaultTitle = useDefaultTitle();
  const [draft] = useState(() => (editing ? undefined : currentDraft()));
  const [chosenSource, setSource] = useState<ChartQuery>(
    () => editing?.source ?? draft?.source ?? blankQuery(),
  );
  // A new chart's queries run in the app's work group (AWS mode: `iot-lab`, with its cutoff).
  const appWorkGroup = useRequest('app.info').data?.athenaWorkGroup ?? 'primary';
  const source = chosenSource.workGroup ? chosenSource : { ...chosenSource, workGroup: appWorkGroup };
  const [spec, setSpec] = useState<ChartSpec | undefined>(() =>
    editing ? editing.spec : draft ? suggestSpec(draft.result) : undefined,
  );
  const [title, setTitle] = useState(() => editing?.title ?? (spec ? defaultTitle(spec) : ''));
  const [titleEdited, setTitleEdited] = useState(Boolean(editing));
  const query = useChartQuery(draft ? { result: draft.result } : {});
  const { start } = query;
  const save = useAction('charts.save');
  const ids = { title: useId(), database: useId(), workGroup: useId(), engine: useId() };

  const result = query.run.result;
  const columns = useMemo(() => (result ? describeColumns(result) : []), [result]);
  const problem = result && spec ? checkSpec(result, spec) : undefined;

  /** A new result keeps the spec where its columns still exist, else suggests one; examples start afresh. */
  const accept = (next: ResultSet | undefined, nextTitle?: string) => {
    if (!next) return;
    const adapted = adaptSpec(next, nextTitle ? undefined : spec);
    setSpec(adapted);
    if (nextTitle) {
      setTitle(nextTitle);
      setTitleEdited(true);
    } else if (!titleEdited) setTitle(adapted ? defaultTitle(adapted) : '');
  };

  // The SQL editor's result is drawn as it is (state above); a saved chart runs its query again.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !editing) return;
    started.current = true;
    void start(editing.source);
  }, [editing, start]);

  const runSource = async (next: ChartQuery, nextTitle?: string) => {
    setSource(next);
    accept(await start(next), nextTitle);
  };

  const onSave = async () => {
    if (!spec) return;
    const answer = await save.run({
      ...(editing ? { id: editing.id } : {}),
      title: title.trim(),
      spec,
      source,
    });
    if (answer.ok) navigate('charts');
  };

  const seconds = query.run.stats ? (query.run.stats.elapsedMs / 1000).toFixed(1) : undefined;

  return (
    <div className="builder-grid">
      <Card icon={<PlayIcon />} title={t('builder.query')} lead={t('builder.queryLead')}>
        <form
          className="form-stack"
          onSubmit={(event) => {
            event.preventDefault();
            void runSource(source);
          }}
        >
          {!editing && (
            <div className="builder-examples">
              <span>{t('builder.examples')}</span>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => void runSource(conditionsExample(), t('builder.exampleConditionsTitle'))}
              >
                {t('builder.exampleConditions')}
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={!accountId}
                onClick={() =>
                  accountId &&
                  void runSource(temperaturesExample(accountId), t('builder.exampleTemperaturesTitle'))
                }
              >
                {t('builder.exampleTemperatures')}
              </button>
            </div>
          )}
          {draft && !editing && <p className="field-hint">{t('builder.fromSql')}</p>}
          <div className="builder-target">
            <div className="field">
              <label className="field-label" htmlFor={ids.engine}>
                {t('builder.engine')}
              </label>
              <select
                id={ids.engine}
                className="text-input"
                value={source.engine}
                onChange={(event) =>
                  setSource({ ...source, engine: event.target.value === 'dynamodb' ? 'dynamodb' : 'athena' })
                }
              >
                <option value="athena">{t('builder.engines.athena')}</option>
                <option value="dynamodb">{t('builder.engines.dynamodb')}</option>
              </select>
            </div>
            {source.engine === 'athena' && (
              <div className="field">
                <label className="field-label" htmlFor={ids.database}>
                  {t('builder.database')}
                </label>
                <input
                  id={ids.database}
                  className="text-input mono"
                  value={source.database ?? ''}
                  onChange={(event) => setSource({ ...source, database: event.target.value || undefined })}
                />
              </div>
            )}
          </div>
          <CodeEditor
            language="sql"
            label={t('builder.sql')}
            value={source.sql}
            onChange={(sql) => setSource({ ...source, sql })}
            size="large"
          />
          <div className="button-row">
            <BusyButton type="submit" busy={query.running} disabled={source.sql.trim() === ''}>
              <PlayIcon />
              {t('builder.run')}
            </BusyButton>
            {query.running && (
              <button type="button" className="button button-secondary" onClick={query.cancel}>
                {t('builder.cancel')}
              </button>
            )}
            {result && seconds && (
              <span className="muted" role="status">
                {t('builder.resultStats', {
                  rows: new Intl.NumberFormat(i18n.language).format(result.rows.length),
                  seconds,
                })}
              </span>
            )}
          </div>
          {query.run.stats?.truncated && result && (
            <p className="notice notice-warning">{t('builder.truncated', { rows: result.rows.length })}</p>
          )}
          <ErrorNotice error={query.run.error} />
        </form>
      </Card>

      <Card icon={<ChartIcon />} title={t('builder.chart')} lead={t('builder.chartLead')}>
        {!result ? (
          <p className="empty-state">{t('builder.noResult')}</p>
        ) : !spec ? (
          <p className="notice notice-warning">{t('builder.noSuggestion')}</p>
        ) : (
          <>
            <div className="field">
              <label className="field-label" htmlFor={ids.title}>
                {t('builder.chartTitle')}
              </label>
              <input
                id={ids.title}
                className="text-input"
                value={title}
                aria-invalid={title.trim() === '' || undefined}
                onChange={(event) => {
                  setTitle(event.target.value);
                  setTitleEdited(true);
                }}
              />
            </div>
            <SpecForm columns={columns} spec={spec} onChange={setSpec} />
            {problem ? (
              <SpecProblemNotice problem={problem} />
            ) : (
              <ChartView title={title || defaultTitle(spec)} result={result} spec={spec} />
            )}
            <div className="builder-save">
              <BusyButton
                type="button"
                busy={save.pending}
                disabled={Boolean(problem) || title.trim() === ''}
                onClick={() => void onSave()}
              >
                {editing ? t('builder.saveChanges') : t('builder.save')}
              </BusyButton>
              {title.trim() === '' && <span className="field-error">{t('builder.titleRequired')}</span>}
            </div>
            <ErrorNotice error={save.error} />
          </>
        )}
      </Card>
    </div>
  );
}

/** The builder's header link back to the dashboard. */
export function BackToDashboard() {
  const { t } = useTranslation('charts');
  return (
    <a className="button button-ghost button-small builder-back" href={pageHref('charts')}>
      <ArrowLeftIcon />
      {t('builder.back')}
    </a>
  );
}
