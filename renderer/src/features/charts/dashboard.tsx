import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedChart } from '../../api/contract';
import { useAction, useRequest } from '../../api/hooks';
import { pageHref } from '../../app/use-route';
import { PlusIcon, RefreshIcon, TrashIcon } from '../../components/icons';
import { Card } from '../console/ui/card';
import { ConfirmDialog } from '../console/ui/confirm-dialog';
import { ErrorNotice } from '../console/ui/error-notice';
import { useChartQuery } from './chart-builder';
import { startBlankChart } from './chart-draft';
import { ChartView } from './chart-view';
import { SpecProblemNotice } from './spec-problem';
import { ArrowDownIcon, ArrowUpIcon, ChartIcon, PencilIcon } from './icons';
import { checkSpec } from './model/chart-data';

/** An icon button on a chart's card: its name says the action and the chart (`Move up: Fog`). */
function IconAction({
  label,
  of,
  disabled,
  onClick,
  children,
}: {
  label: string;
  of: string;
  disabled?: boolean;
  onClick(): void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={`${label}: ${of}`}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

function DashboardChart({
  chart,
  first,
  last,
  onMove,
  onDelete,
}: {
  chart: SavedChart;
  first: boolean;
  last: boolean;
  onMove(offset: -1 | 1): void;
  onDelete(): void;
}) {
  const { t, i18n } = useTranslation('charts');
  const query = useChartQuery();
  const { start } = query;
  const [ranAt, setRanAt] = useState<number | undefined>(undefined);
  const { source } = chart;
  const version = chart.updatedAt;

  // Each display runs the query again: the chart shows the lake as it is now.
  useEffect(() => {
    void start(source).then((result) => result && setRanAt(Date.now()));
    // `version` changes when the chart is edited; `source` is a new object on every list answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [start, chart.id, version]);

  const refresh = () => void start(source).then((result) => result && setRanAt(Date.now()));
  const result = query.run.result;
  const problem = result ? checkSpec(result, chart.spec) : undefined;
  const meta = [
    source.engine === 'athena' ? `Athena · ${source.database ?? ''}` : 'DynamoDB · PartiQL',
    ranAt !== undefined
      ? t('dashboard.ranAt', {
          time: new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' }).format(ranAt),
        })
      : undefined,
    result ? t('dashboard.rows', { count: result.rows.length }) : undefined,
  ].filter(Boolean);

  return (
    <Card
      className="dashboard-chart"
      icon={<ChartIcon />}
      title={chart.title}
      actions={
        <>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={refresh}
            disabled={query.running}
          >
            <RefreshIcon />
            {t('dashboard.refresh')}
          </button>
          <a className="button button-secondary button-small" href={pageHref('charts', 'edit', chart.id)}>
            <PencilIcon />
            {t('dashboard.edit')}
          </a>
          <IconAction
            label={t('dashboard.moveUp')}
            of={chart.title}
            disabled={first}
            onClick={() => onMove(-1)}
          >
            <ArrowUpIcon />
          </IconAction>
          <IconAction
            label={t('dashboard.moveDown')}
            of={chart.title}
            disabled={last}
            onClick={() => onMove(1)}
          >
            <ArrowDownIcon />
          </IconAction>
          <IconAction label={t('dashboard.delete')} of={chart.title} onClick={onDelete}>
            <TrashIcon />
          </IconAction>
        </>
      }
    >
      <p className="dashboard-meta">{meta.join(' · ')}</p>
      {query.running && !result && (
        <p className="loading-line" role="status">
          {t('dashboard.running')}
        </p>
      )}
      <ErrorNotice error={query.run.error} />
      {result &&
        (problem ? (
          <SpecProblemNotice problem={problem} />
        ) : (
          <ChartView title={chart.title} result={result} spec={chart.spec} />
        ))}
    </Card>
  );
}

/** The saved charts, each drawn from its query run again; reordered, edited or deleted here. */
export function Dashboard() {
  const { t } = useTranslation('charts');
  const charts = useRequest('charts.list');
  const move = useAction('charts.move');
  const remove = useAction('charts.delete');
  const [deleting, setDeleting] = useState<SavedChart | undefined>(undefined);
  const list = charts.data ?? [];

  const onMove = async (chart: SavedChart, position: number) => {
    const answer = await move.run({ id: chart.id, position });
    if (answer.ok) charts.setData(() => answer.value);
  };
  const onDelete = async () => {
    if (!deleting) return;
    const answer = await remove.run({ id: deleting.id });
    if (answer.ok) {
      charts.setData(() => answer.value);
      setDeleting(undefined);
    }
  };

  return (
    <>
      <div className="button-row">
        <button type="button" className="button" onClick={startBlankChart}>
          <PlusIcon />
          {t('dashboard.newChart')}
        </button>
      </div>
      <ErrorNotice error={charts.error ?? move.error} />
      {charts.data && list.length === 0 && (
        <div className="empty-state">
          <ChartIcon />
          <p>{t('dashboard.empty')}</p>
          <p className="muted">{t('dashboard.emptyHint')}</p>
        </div>
      )}
      <div className="dashboard-grid">
        {list.map((chart, index) => (
          <DashboardChart
            key={chart.id}
            chart={chart}
            first={index === 0}
            last={index === list.length - 1}
            onMove={(offset) => void onMove(chart, index + offset)}
            onDelete={() => {
              remove.reset();
              setDeleting(chart);
            }}
          />
        ))}
      </div>
      {deleting && (
        <ConfirmDialog
          title={t('dashboard.deleteTitle', { title: deleting.title })}
          confirmLabel={t('dashboard.delete')}
          onConfirm={() => void onDelete()}
          onClose={() => setDeleting(undefined)}
          pending={remove.pending}
          error={remove.error}
        >
          <p>{t('dashboard.deleteBody')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
