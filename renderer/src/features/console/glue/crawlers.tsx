import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery, type CloudOutput } from '../../../api/cloud-sdk';
import { navigate, pageHref } from '../../../app/use-route';
import { ActivityIcon, PlayIcon, StopIcon } from '../../../components/icons';
import { StatusPill, type Tone } from '../../../components/status-pill';
import { BusyButton } from '../ui/busy-button';
import { DeleteButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ListDetail } from '../ui/console-page';
import { DeleteDialog } from '../ui/delete-dialog';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { formatDateTime, formatNumber } from '../ui/format';
import { LoadingLine } from '../ui/loading-line';
import { ListCard } from '../ui/list-card';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';
import { usePolling } from '../ui/use-polling';
import { inheritsFromTable } from './crawler-config';
import { CrawlerForm } from './crawler-form';
import { CrawlerIcon } from './icons';
import { S3Location } from './s3-location';

export type Crawler = NonNullable<CloudOutput<'glue', 'GetCrawler'>['Crawler']>;
type Metrics = NonNullable<CloudOutput<'glue', 'GetCrawlerMetrics'>['CrawlerMetricsList']>[number];

const STATE_TONE: Record<string, Tone> = { READY: 'success', RUNNING: 'info', STOPPING: 'warning' };
const RUN_TONE: Record<string, Tone> = { SUCCEEDED: 'success', FAILED: 'danger', CANCELLED: 'warning' };
const isBusy = (state: string | undefined) => state === 'RUNNING' || state === 'STOPPING';
/** Offline runs last hundredths of a second: they keep two digits below one second. */
const secondsText = (language: string, value: number) => formatNumber(language, value, value < 1 ? 2 : 1);

function StatePill({ state }: { state: string | undefined }) {
  const { t } = useTranslation('console');
  if (!state) return null;
  return (
    <StatusPill tone={STATE_TONE[state] ?? 'neutral'} pulse={isBusy(state)}>
      {t(`glue.state.${state as 'READY'}`, { defaultValue: state })}
    </StatusPill>
  );
}

function RunPill({ status }: { status: string | undefined }) {
  const { t } = useTranslation('console');
  if (!status) return <span className="muted">{t('glue.neverRun')}</span>;
  return (
    <StatusPill tone={RUN_TONE[status] ?? 'neutral'}>
      {t(`glue.run.${status as 'SUCCEEDED'}`, { defaultValue: status })}
    </StatusPill>
  );
}

export function CrawlersView({ selected }: { selected: string | undefined }) {
  const { t } = useTranslation('console');
  const crawlers = useCloudQuery('glue', 'GetCrawlers', { MaxResults: 100 });
  const [creating, setCreating] = useState(false);
  const rows = crawlers.data?.Crawlers ?? [];
  // A crawl in progress: the list's states follow it.
  usePolling(
    crawlers.reload,
    rows.some((crawler) => isBusy(crawler.State)),
  );

  return (
    <ListDetail
      selected={selected}
      placeholder={t('glue.selectCrawler')}
      icon={<CrawlerIcon />}
      list={
        <ListCard
          icon={<CrawlerIcon />}
          title={t('glue.crawlers')}
          lead={t('glue.crawlersLead')}
          list={crawlers}
          create={{ label: t('glue.createCrawler'), onClick: () => setCreating(true) }}
        >
          <ResourceTable
            label={t('glue.crawlers')}
            rows={rows}
            rowKey={(crawler) => crawler.Name ?? ''}
            nameHeader={t('common.name')}
            name={(crawler) => crawler.Name}
            href={(crawler) => pageHref('glue', 'crawlers', crawler.Name ?? '')}
            selectedKey={selected}
            columns={[
              {
                id: 'state',
                header: t('glue.stateHeader'),
                cell: (crawler) => <StatePill state={crawler.State} />,
              },
              {
                id: 'last',
                header: t('glue.lastRun'),
                cell: (crawler) => <RunPill status={crawler.LastCrawl?.Status} />,
                className: 'nowrap',
              },
            ]}
            empty={crawlers.loading ? t('common.loading') : t('glue.noCrawlers')}
          />
        </ListCard>
      }
      detail={(name) => (
        <CrawlerDetail
          key={name}
          name={name}
          onChanged={crawlers.reload}
          onDeleted={() => {
            crawlers.reload();
            navigate('glue', 'crawlers');
          }}
        />
      )}
    >
      {creating && (
        <CrawlerForm
          onClose={() => setCreating(false)}
          onSaved={(name) => {
            setCreating(false);
            crawlers.reload();
            navigate('glue', 'crawlers', name);
          }}
        />
      )}
    </ListDetail>
  );
}

function CrawlerDetail({
  name,
  onChanged,
  onDeleted,
}: {
  name: string;
  onChanged(): void;
  onDeleted(): void;
}) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const described = useCloudQuery('glue', 'GetCrawler', { Name: name });
  const metrics = useCloudQuery('glue', 'GetCrawlerMetrics', { CrawlerNameList: [name] });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const action = useTask();
  const crawler = described.data?.Crawler;
  const state = crawler?.State;
  const language = i18n.language;
  const { reload: reloadCrawler } = described;
  const { reload: reloadMetrics } = metrics;
  const refresh = useCallback(() => {
    reloadCrawler();
    reloadMetrics();
  }, [reloadCrawler, reloadMetrics]);
  usePolling(refresh, isBusy(state));

  // A run has ended (or begun): the list's state and last run change too.
  const previous = useRef(state);
  useEffect(() => {
    if (previous.current !== undefined && previous.current !== state) onChanged();
    previous.current = state;
  }, [state, onChanged]);

  const start = () =>
    void action.run(async () => {
      await sendOrThrow(bridge, 'glue', 'StartCrawler', { Name: name });
      refresh();
    });
  const stop = () =>
    void action.run(async () => {
      await sendOrThrow(bridge, 'glue', 'StopCrawler', { Name: name });
      refresh();
    });

  if (described.error) return <ErrorNotice error={described.error} />;
  const targets = crawler?.Targets?.S3Targets ?? [];
  const inherit = inheritsFromTable(crawler?.Configuration);
  return (
    <div className="stack">
      <Card
        icon={<CrawlerIcon />}
        title={name}
        badge={<StatePill state={state} />}
        actions={
          <>
            {isBusy(state) ? (
              <BusyButton
                type="button"
                busy={action.pending || state === 'STOPPING'}
                onClick={stop}
                className="button-secondary"
              >
                <StopIcon />
                {t('glue.stopCrawler')}
              </BusyButton>
            ) : (
              <BusyButton type="button" busy={action.pending} disabled={!crawler} onClick={start}>
                <PlayIcon />
                {t('glue.runCrawler')}
              </BusyButton>
            )}
            <button
              type="button"
              className="button button-secondary"
              disabled={!crawler || isBusy(state)}
              onClick={() => setEditing(true)}
            >
              {t('common.edit')}
            </button>
            <DeleteButton onClick={() => setDeleting(true)} />
          </>
        }
      >
        <ErrorNotice error={action.error} />
        {crawler && isBusy(state) && (
          <CrawlProgress crawler={crawler} metrics={metrics.data?.CrawlerMetricsList?.[0]} />
        )}
        {crawler && (
          <Details
            items={[
              { label: t('glue.role'), value: <code>{crawler.Role}</code> },
              {
                label: t('glue.targetDatabase'),
                value: crawler.DatabaseName ? (
                  <a href={pageHref('glue', 'databases', crawler.DatabaseName)}>{crawler.DatabaseName}</a>
                ) : (
                  '—'
                ),
              },
              crawler.TablePrefix
                ? { label: t('glue.tablePrefix'), value: <code>{crawler.TablePrefix}</code> }
                : undefined,
              ...targets.map((target, index) => ({
                label: targets.length > 1 ? t('glue.dataSourceN', { n: index + 1 }) : t('glue.dataSource'),
                value: (
                  <span className="target">
                    <S3Location uri={target.Path} />
                    {(target.Exclusions ?? []).length > 0 && (
                      <span className="cell-muted">
                        {t('glue.excluding')} <code>{target.Exclusions?.join(', ')}</code>
                      </span>
                    )}
                    <span className="cell-muted">
                      {target.SampleSize
                        ? t('glue.sampleSizeValue', { count: target.SampleSize })
                        : t('glue.sampleAll')}
                    </span>
                  </span>
                ),
              })),
              {
                label: t('glue.schedule'),
                value: crawler.Schedule?.ScheduleExpression || t('glue.onDemand'),
              },
              {
                label: t('glue.recrawl'),
                value: t(
                  `glue.recrawlValue.${crawler.RecrawlPolicy?.RecrawlBehavior === 'CRAWL_NEW_FOLDERS_ONLY' ? 'CRAWL_NEW_FOLDERS_ONLY' : 'CRAWL_EVERYTHING'}`,
                ),
              },
              {
                label: t('glue.schemaChange'),
                value: t('glue.schemaChangeValue', {
                  update: crawler.SchemaChangePolicy?.UpdateBehavior ?? '—',
                  remove: crawler.SchemaChangePolicy?.DeleteBehavior ?? '—',
                }),
              },
              {
                label: t('glue.partitionsOption'),
                value: inherit ? (
                  <StatusPill tone="success">{t('glue.inheritOn')}</StatusPill>
                ) : (
                  <StatusPill tone="neutral">{t('glue.inheritOff')}</StatusPill>
                ),
              },
              crawler.Configuration
                ? {
                    label: t('glue.configuration'),
                    value: <code>{crawler.Configuration}</code>,
                    copy: crawler.Configuration,
                  }
                : undefined,
              { label: t('common.created'), value: formatDateTime(language, crawler.CreationTime) },
              { label: t('glue.updated'), value: formatDateTime(language, crawler.LastUpdated) },
            ]}
          />
        )}
      </Card>
      {crawler && <LastCrawlCard crawler={crawler} metrics={metrics.data?.CrawlerMetricsList?.[0]} />}
      {editing && crawler && (
        <CrawlerForm
          crawler={crawler}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            refresh();
            onChanged();
          }}
        />
      )}
      {deleting && (
        <DeleteDialog
          title={t('glue.deleteCrawlerTitle', { name })}
          onClose={() => setDeleting(false)}
          onDelete={() => sendOrThrow(bridge, 'glue', 'DeleteCrawler', { Name: name })}
          onDeleted={onDeleted}
        >
          <p>{t('glue.deleteCrawlerText')}</p>
        </DeleteDialog>
      )}
    </div>
  );
}

/** RUNNING → STOPPING → READY: the time so far, against the runs before it when there were some. */
function CrawlProgress({ crawler, metrics }: { crawler: Crawler; metrics: Metrics | undefined }) {
  const { t, i18n } = useTranslation('console');
  const elapsed = (crawler.CrawlElapsedTime ?? 0) / 1000;
  const median = metrics?.MedianRuntimeSeconds ?? 0;
  const seconds = formatNumber(i18n.language, elapsed, 0);
  // The live line says what runs; the seconds go in the bar, not re-announced every second.
  const text =
    crawler.State === 'STOPPING'
      ? t('glue.stopping')
      : t('glue.crawling', { path: crawler.Targets?.S3Targets?.[0]?.Path ?? '' });
  return (
    <div className="crawl-progress">
      <LoadingLine>{text}</LoadingLine>
      <progress
        className="meter"
        aria-label={t('glue.progress')}
        aria-valuetext={t('glue.elapsed', { seconds })}
        // No run before this one: an indeterminate bar (no value).
        {...(median > 0 ? { max: median, value: Math.min(elapsed, median * 0.95) } : {})}
      />
      <p className="field-hint">
        {t('glue.elapsed', { seconds })}
        {median > 0 && ` · ${t('glue.usually', { seconds: secondsText(i18n.language, median) })}`}
      </p>
    </div>
  );
}

function LastCrawlCard({ crawler, metrics }: { crawler: Crawler; metrics: Metrics | undefined }) {
  const { t, i18n } = useTranslation('console');
  const language = i18n.language;
  const last = crawler.LastCrawl;
  const runtime = metrics?.LastRuntimeSeconds;
  const started = last?.StartTime ? new Date(last.StartTime).getTime() : undefined;
  const ended =
    started !== undefined && runtime !== undefined && !isBusy(crawler.State)
      ? started + runtime * 1000
      : undefined;
  return (
    <Card
      icon={<ActivityIcon />}
      title={t('glue.lastCrawl')}
      badge={last && <RunPill status={last.Status} />}
    >
      {!last ? (
        <p className="empty-state">{t('glue.neverRunLead')}</p>
      ) : (
        <>
          {last.ErrorMessage && (
            <p
              className={`notice ${last.Status === 'FAILED' ? 'notice-danger' : 'notice-warning'}`}
              role="alert"
            >
              {last.ErrorMessage}
            </p>
          )}
          <Details
            items={[
              { label: t('glue.started'), value: formatDateTime(language, last.StartTime) },
              {
                label: t('glue.ended'),
                value: ended === undefined ? '—' : formatDateTime(language, new Date(ended).toISOString()),
              },
              {
                label: t('glue.duration'),
                value:
                  runtime === undefined
                    ? '—'
                    : t('glue.seconds', { seconds: secondsText(language, runtime) }),
              },
              last.LogGroup
                ? { label: t('glue.logs'), value: <code>{`${last.LogGroup}/${last.LogStream ?? ''}`}</code> }
                : undefined,
            ]}
          />
          {metrics && (
            <dl className="stat-grid crawl-stats">
              {(['TablesCreated', 'TablesUpdated', 'TablesDeleted'] as const).map((key) => (
                <div key={key} className="stat-tile">
                  <dt>{t(`glue.metrics.${key}`)}</dt>
                  <dd>{formatNumber(language, metrics[key] ?? 0)}</dd>
                </div>
              ))}
              <div className="stat-tile">
                <dt>{t('glue.metrics.median')}</dt>
                <dd className="stat-small">
                  {t('glue.seconds', {
                    seconds: secondsText(language, metrics.MedianRuntimeSeconds ?? 0),
                  })}
                </dd>
              </div>
            </dl>
          )}
          {crawler.DatabaseName && (
            <p className="card-footnote">
              <a href={pageHref('glue', 'tables', crawler.DatabaseName)}>
                {t('glue.seeTables', { name: crawler.DatabaseName })}
              </a>
            </p>
          )}
        </>
      )}
    </Card>
  );
}
