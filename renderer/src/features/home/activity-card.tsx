import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CloudCall, CloudCallCounters } from '../../api/contract';
import { useEvent, useRequest } from '../../api/hooks';
import { ActivityIcon } from '../../components/icons';
import { StatusPill, type Tone } from '../../components/status-pill';

const SHOWN = 12;

function statusTone(status: number): Tone {
  if (status >= 500) return 'danger';
  if (status >= 400) return 'warning';
  return 'success';
}

function formatDuration(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function Stat({
  label,
  className,
  wide,
  children,
}: {
  label: string;
  className?: string;
  wide?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className={wide ? 'stat stat-wide' : 'stat'}>
      <dt id={id}>{label}</dt>
      <dd aria-labelledby={id} className={className}>
        {children}
      </dd>
    </div>
  );
}

/** The latest calls the local cloud answered, live, with the counters since the app started. */
export function ActivityCard({ counters }: { counters: CloudCallCounters }) {
  const { t, i18n } = useTranslation('home');
  const calls = useRequest('cloud.calls', { limit: SHOWN });
  useEvent('cloud.call', (call) =>
    calls.setData((previous = []) =>
      [call, ...previous.filter((known) => known.requestId !== call.requestId)].slice(0, SHOWN),
    ),
  );
  const time = new Intl.DateTimeFormat(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const services = Object.entries(counters.byService).sort(([, a], [, b]) => b - a);

  return (
    <section className="card activity-card" aria-labelledby="activity-card-title">
      <header className="card-header">
        <span className="card-icon" aria-hidden="true">
          <ActivityIcon />
        </span>
        <div>
          <h2 id="activity-card-title">{t('activity.title')}</h2>
          <p className="card-lead">{t('activity.lead')}</p>
        </div>
      </header>

      <dl className="stats">
        <Stat label={t('activity.total')}>{counters.total}</Stat>
        <Stat label={t('activity.errors')} className={counters.errors > 0 ? 'stat-bad' : undefined}>
          {counters.errors}
        </Stat>
        <Stat label={t('activity.services')} className="service-chips" wide>
          {services.length === 0 && <span className="muted">{t('activity.none')}</span>}
          {services.map(([service, count]) => (
            <span key={service} className="chip">
              {service} <span className="chip-count">{count}</span>
            </span>
          ))}
        </Stat>
      </dl>

      {calls.data && calls.data.length > 0 ? (
        <ol className="calls" aria-label={t('activity.title')}>
          {calls.data.map((call: CloudCall) => (
            <li key={call.requestId} className="call">
              <span className="call-main">
                <span className="call-operation">{call.operation}</span>
                <span className="call-service">{call.service}</span>
              </span>
              <StatusPill tone={statusTone(call.status)}>
                {call.status}
                {call.errorCode ? ` ${call.errorCode}` : ''}
              </StatusPill>
              <span className="call-meta">
                <time dateTime={call.at}>{time.format(new Date(call.at))}</time>
                <span>{formatDuration(call.durationMs)}</span>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t('activity.empty')}</p>
      )}
      <p className="card-footnote">
        <a href="#/settings/calls">{t('activity.appCalls')}</a>
      </p>
    </section>
  );
}
