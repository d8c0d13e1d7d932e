import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ReplaySettings,
  ReplayStationProgress,
  ReplayStationState,
  ReplayStatus,
  StationsOverview,
} from '../../api/contract';
import { ActivityIcon } from '../../components/icons';
import { StatusPill, type Tone } from '../../components/status-pill';
import { formatNumber, formatPercent, formatReadingTime } from './format';

function stationTone(state: ReplayStationState): Tone {
  switch (state) {
    case 'running':
      return 'success';
    case 'connecting':
    case 'paused':
      return 'warning';
    case 'finished':
      return 'info';
    case 'stopped':
      return 'neutral';
    case 'failed':
      return 'danger';
  }
}

function Stat({
  label,
  wide,
  tone,
  children,
}: {
  label: string;
  wide?: boolean;
  tone?: 'bad';
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className={wide ? 'live-stat live-stat-wide' : 'live-stat'}>
      <dt id={id}>{label}</dt>
      <dd aria-labelledby={id} className={tone === 'bad' ? 'stat-bad' : undefined}>
        {children}
      </dd>
    </div>
  );
}

function useSettingsText(): (settings: ReplaySettings) => string {
  const { t, i18n } = useTranslation('stations');
  return (settings) => {
    const pace =
      settings.pace.kind === 'speedup'
        ? t('live.paceSpeedup', { factor: formatNumber(i18n.language, settings.pace.factor) })
        : settings.pace.kind === 'lab'
          ? t('live.paceLab')
          : t('live.paceMax');
    const parts: string[] = [
      t('live.settings', {
        pace,
        timestamps: settings.timestamps === 'now' ? t('live.timestampsNow') : t('live.timestampsRecorded'),
        topic: settings.topic,
      }),
    ];
    if (settings.limit !== undefined)
      parts.push(t('live.limited', { number: formatNumber(i18n.language, settings.limit) }));
    if (settings.loop) parts.push(t('live.looping'));
    return parts.join(' · ');
  };
}

function StationLive({
  name,
  station,
  looping,
}: {
  name: string;
  station: ReplayStationProgress;
  looping: boolean;
}) {
  const { t, i18n } = useTranslation('stations');
  const language = i18n.language;
  const titleId = useId();
  const { total } = station;
  // Looping, the bar shows where the current pass is.
  const inPass = looping && total > 0 ? station.sent - station.passes * total : station.sent;
  const done = Math.max(0, Math.min(total, inPass));
  const valueText = t('live.progressValue', {
    sent: formatNumber(language, done),
    total: formatNumber(language, total),
  });

  return (
    <article className="live-station" aria-labelledby={titleId} data-state={station.state}>
      <div className="live-identity">
        <h3 id={titleId}>{name}</h3>
        <code>{station.thingName}</code>
        {looping && station.passes > 0 && <span> · {t('live.pass', { pass: station.passes + 1 })}</span>}
      </div>
      <div className="live-state">
        <StatusPill tone={stationTone(station.state)} pulse={station.state === 'connecting'}>
          {t(`live.state.${station.state}`)}
        </StatusPill>
      </div>
      <div className="live-meter">
        <progress
          className="meter"
          aria-label={t('live.progress', { name })}
          max={Math.max(total, 1)}
          value={done}
          aria-valuetext={valueText}
        />
        <span className="live-meter-caption">
          <span>{valueText}</span>
          <span>{formatPercent(language, total > 0 ? done / total : 0)}</span>
        </span>
      </div>
      <dl className="live-stats">
        <Stat label={t('live.sent')}>{formatNumber(language, station.sent)}</Stat>
        <Stat label={t('live.acknowledged')}>{formatNumber(language, station.acknowledged)}</Stat>
        <Stat label={t('live.failed')} tone={station.failed > 0 ? 'bad' : undefined}>
          {formatNumber(language, station.failed)}
        </Stat>
        <Stat label={t('live.rate')}>
          {t('live.rateValue', { rate: formatNumber(language, station.rate) })}
        </Stat>
        <Stat label={t('live.lastTime')} wide>
          {station.lastTime ? (
            <time dateTime={station.lastTime}>{formatReadingTime(language, station.lastTime)}</time>
          ) : (
            t('live.none')
          )}
        </Stat>
      </dl>
      {station.error && <p className="live-error">{station.error}</p>}
    </article>
  );
}

/** The column titles of the wide layout; each row's stats carry their own (visually hidden) labels. */
function LiveHeader() {
  const { t } = useTranslation('stations');
  return (
    <div className="live-station live-header" aria-hidden="true">
      <span>{t('table.station')}</span>
      <span>{t('live.stateColumn')}</span>
      <span>{t('live.progressColumn')}</span>
      <span className="live-stats">
        <span>{t('live.sent')}</span>
        <span>{t('live.acknowledged')}</span>
        <span>{t('live.failed')}</span>
        <span>{t('live.rate')}</span>
        <span>{t('live.lastTime')}</span>
      </span>
    </div>
  );
}

/** Each station's counters as the broker acknowledges its messages, from the `replay.progress` events. */
export function LiveReplay({
  overview,
  status,
}: {
  overview: StationsOverview;
  status: ReplayStatus | undefined;
}) {
  const { t, i18n } = useTranslation('stations');
  const language = i18n.language;
  const titleId = useId();
  const settingsText = useSettingsText();
  const nameOf = (id: string) => overview.stations.find((station) => station.id === id)?.name ?? id;
  const stations = status?.stations ?? [];
  const sum = (pick: (station: ReplayStationProgress) => number) =>
    stations.reduce((total, station) => total + pick(station), 0);

  return (
    <section className="card live-card" aria-labelledby={titleId}>
      <header className="card-header">
        <span className="card-icon" aria-hidden="true">
          <ActivityIcon />
        </span>
        <div>
          <h2 id={titleId}>{t('live.title')}</h2>
          <p className="card-lead">{status?.settings ? settingsText(status.settings) : t('live.lead')}</p>
        </div>
        {stations.length > 0 && (
          <dl className="live-totals" aria-label={t('live.totals')}>
            <Stat label={t('live.sent')}>
              {formatNumber(
                language,
                sum((s) => s.sent),
              )}
            </Stat>
            <Stat label={t('live.acknowledged')}>
              {formatNumber(
                language,
                sum((s) => s.acknowledged),
              )}
            </Stat>
            <Stat label={t('live.failed')} tone={sum((s) => s.failed) > 0 ? 'bad' : undefined}>
              {formatNumber(
                language,
                sum((s) => s.failed),
              )}
            </Stat>
            <Stat label={t('live.rate')}>
              {t('live.rateValue', {
                rate: formatNumber(
                  language,
                  sum((s) => s.rate),
                ),
              })}
            </Stat>
          </dl>
        )}
      </header>

      {stations.length === 0 ? (
        <p className="empty">{t('live.idle')}</p>
      ) : (
        <div className="live-list">
          <LiveHeader />
          {stations.map((station) => (
            <StationLive
              key={station.stationId}
              name={nameOf(station.stationId)}
              station={station}
              looping={status?.settings?.loop ?? false}
            />
          ))}
        </div>
      )}
    </section>
  );
}
