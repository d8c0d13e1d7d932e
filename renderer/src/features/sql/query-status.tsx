import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tone } from '../../components/status-pill';
import { StatusPill } from '../../components/status-pill';
import { formatBytes, formatNumber } from '../console/ui/format';
import type { QueryStats } from './run-query';

export function stateTone(state: string): Tone {
  if (state === 'SUCCEEDED') return 'success';
  if (state === 'FAILED') return 'danger';
  if (state === 'CANCELLED') return 'warning';
  return 'info';
}

/** Seconds with a tenth below a minute (`2.4 s`), as the Athena console says run times. */
export function formatDuration(language: string, ms: number): string {
  if (ms < 60_000) return `${formatNumber(language, ms / 1000, ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${formatNumber(language, (ms % 60_000) / 1000, 0)} s`;
}

/**
 * Milliseconds since `startedAt` (a `performance.now()` time), ticking every 100 ms while it is set.
 * The tick re-renders this line only, not the page with its editor and panels.
 */
function useElapsedMs(startedAt: number | undefined): number | undefined {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (startedAt === undefined) return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt === undefined ? undefined : Math.max(0, Math.round(now - startedAt));
}

/** The line under the editor: state, run time, engine time, data scanned, rows, the query's id. */
export function QueryStatus({
  stats,
  engine,
  runs,
  startedAt,
}: {
  stats: QueryStats;
  engine: 'athena' | 'dynamodb';
  /** Runs finished since the page opened: tells one answer from the next. */
  runs: number;
  /** While a run is awaited, when it started (`performance.now()`): the run time ticks. */
  startedAt?: number;
}) {
  const { t, i18n } = useTranslation('sql');
  const running = stats.state === 'QUEUED' || stats.state === 'RUNNING';
  const elapsedMs = useElapsedMs(startedAt) ?? stats.elapsedMs;
  return (
    <dl className="query-status" aria-label={t('status.label')} data-runs={runs}>
      <div>
        <dt>{t('status.state')}</dt>
        <dd aria-label={t('status.state')}>
          <StatusPill tone={stateTone(stats.state)} pulse={running}>
            {t(`state.${stats.state}`)}
          </StatusPill>
        </dd>
      </div>
      <div>
        <dt>{t('status.time')}</dt>
        <dd aria-label={t('status.time')}>{formatDuration(i18n.language, elapsedMs)}</dd>
      </div>
      {engine === 'athena' && stats.engineMs !== undefined && (
        <div>
          <dt>{t('status.engineTime')}</dt>
          <dd aria-label={t('status.engineTime')}>{formatDuration(i18n.language, stats.engineMs)}</dd>
        </div>
      )}
      {engine === 'athena' && stats.bytesScanned !== undefined && (
        <div>
          <dt>{t('status.scanned')}</dt>
          <dd aria-label={t('status.scanned')}>{formatBytes(i18n.language, stats.bytesScanned)}</dd>
        </div>
      )}
      {stats.rows !== undefined && (
        <div>
          <dt>{t('status.rows')}</dt>
          <dd aria-label={t('status.rows')}>
            {t('status.rowsValue', {
              count: stats.rows,
              formatParams: { count: { maximumFractionDigits: 0 } },
            })}
            {stats.truncated && (
              <span className="muted"> · {t('status.truncated', { count: stats.rows })}</span>
            )}
          </dd>
        </div>
      )}
      {stats.queryExecutionId && (
        <div className="query-status-id">
          <dt>{t('status.id')}</dt>
          <dd aria-label={t('status.id')} className="mono">
            {stats.queryExecutionId}
          </dd>
        </div>
      )}
    </dl>
  );
}
