import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus, StationFetchProgress, StationInfo, StationsOverview } from '../../api/contract';
import { useAction, useEvent } from '../../api/hooks';
import { CheckIcon, DownloadIcon, StationIcon } from '../../components/icons';
import { StatusPill, type Tone } from '../../components/status-pill';
import { FetchPanel, type FetchTarget } from './fetch-panel';
import { countryName, formatBytes, formatCoordinate, formatNumber, formatPercent } from './format';
import { StepLabel } from './step-label';

export function deviceTone(status: DeviceStatus): Tone {
  switch (status) {
    case 'ready':
      return 'success';
    case 'no-certificate':
      return 'warning';
    case 'not-provisioned':
    case 'unknown':
      return 'neutral';
  }
}

/** What a fetch shows in a row: waiting for its turn, or the step the library reported. */
type RowProgress = 'waiting' | StationFetchProgress;

function FetchProgressCell({ name, progress }: { name: string; progress: RowProgress }) {
  const { t, i18n } = useTranslation('stations');
  const phase = progress === 'waiting' ? 'waiting' : progress.phase;
  let fraction: number | undefined;
  let label: string = t(`fetch.phase.${phase === 'transfer' ? 'source' : phase}`);
  if (progress !== 'waiting' && progress.phase === 'transfer') {
    const { bytes = 0, totalBytes } = progress;
    fraction = totalBytes ? bytes / totalBytes : undefined;
    label =
      fraction === undefined
        ? t('fetch.phase.transferUnknown', { size: formatBytes(i18n.language, bytes) })
        : t('fetch.phase.transfer', { percent: formatPercent(i18n.language, fraction) });
  }
  if (phase === 'verify' || phase === 'done') fraction = 1;
  if (phase === 'failed') {
    return <StatusPill tone="danger">{t('fetch.phase.failed')}</StatusPill>;
  }
  return (
    <div className="fetch-progress">
      <progress
        className="meter"
        aria-label={t('fetch.progressLabel', { name })}
        max={1}
        value={fraction}
        aria-valuetext={label}
      />
      <span className="fetch-progress-label">{label}</span>
    </div>
  );
}

function DataCell({
  station,
  progress,
  canFetch,
  onFetch,
}: {
  station: StationInfo;
  progress: RowProgress | undefined;
  canFetch: boolean;
  onFetch: () => void;
}) {
  const { t, i18n } = useTranslation('stations');
  if (progress) return <FetchProgressCell name={station.name} progress={progress} />;
  const { data } = station;
  if (data.present) {
    return (
      <span className="data-present">
        <CheckIcon className="data-check" />
        <span className="visually-hidden">{t('table.present')}</span>
        <span>
          <span className="data-size">
            {data.bytes !== undefined && formatBytes(i18n.language, data.bytes)}
          </span>
          {data.readings !== undefined && (
            <span className="data-readings">
              {t('table.readings', { number: formatNumber(i18n.language, data.readings) })}
            </span>
          )}
        </span>
      </span>
    );
  }
  return (
    <span className="data-missing">
      <StatusPill tone="warning">{t('table.missing')}</StatusPill>
      <button
        type="button"
        className="button button-small button-secondary"
        aria-label={t('table.fetchOneLabel', { name: station.name })}
        disabled={!canFetch}
        onClick={onFetch}
      >
        {t('table.fetchOne')}
      </button>
    </span>
  );
}

/** Step 1: the five stations, whether their station-year is in the lab folder, and their devices. */
export function StationsCard({
  overview,
  refreshing,
  locked,
  onFetchingChange,
  onChanged,
}: {
  overview: StationsOverview;
  /** The list is being reloaded: fetch progress stays shown until it has arrived. */
  refreshing: boolean;
  /** A replay reads the files: no fetching meanwhile. */
  locked: boolean;
  onFetchingChange: (fetching: boolean) => void;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation('stations');
  const titleId = useId();
  const panelId = useId();
  const [target, setTarget] = useState<FetchTarget | undefined>(undefined);
  const [progress, setProgress] = useState<Record<string, RowProgress>>({});
  const fetch = useAction('stations.fetch');
  const { stations, year } = overview;
  const language = i18n.language;

  useEvent('stations.fetchProgress', (next) => {
    if (next.year === year) setProgress((previous) => ({ ...previous, [next.stationId]: next }));
  });
  useEffect(() => onFetchingChange(fetch.pending), [fetch.pending, onFetchingChange]);

  const present = stations.filter((station) => station.data.present).length;
  const missing = stations.filter((station) => !station.data.present).map((station) => station.id);
  const canFetch = !locked && !fetch.pending;
  const showProgress = fetch.pending || refreshing;

  const open = (next: FetchTarget) => {
    fetch.reset();
    setTarget(next);
  };

  const start = async (ids: string[], source: Parameters<typeof fetch.run>[0]['source']) => {
    setProgress(Object.fromEntries(ids.map((id) => [id, 'waiting' as const])));
    const result = await fetch.run({ year, source, stations: ids });
    onChanged();
    if (result.ok && result.value.outcomes.every((outcome) => outcome.ok)) setTarget(undefined);
  };

  const outcomes = fetch.data?.outcomes ?? [];
  const failures = outcomes.filter((outcome) => !outcome.ok);
  const fetched = outcomes.length - failures.length;
  const firstFetched = outcomes.find((outcome) => outcome.ok);
  const nameOf = (id: string) => stations.find((station) => station.id === id)?.name ?? id;

  return (
    <section className="card stations-card" aria-labelledby={titleId}>
      <header className="card-header">
        <span className="card-icon" aria-hidden="true">
          <StationIcon />
        </span>
        <div>
          <StepLabel number={1} />
          <h2 id={titleId}>{t('table.title')}</h2>
          <p className="card-lead">{t('table.summary', { present, total: stations.length, year })}</p>
        </div>
        <button
          type="button"
          className="button button-secondary card-action"
          aria-expanded={target !== undefined}
          aria-controls={panelId}
          disabled={!canFetch}
          onClick={() => (target ? setTarget(undefined) : open({ kind: 'missing' }))}
        >
          <DownloadIcon />
          {t('fetch.open')}
        </button>
      </header>

      <div id={panelId}>
        {target && (
          <FetchPanel
            year={year}
            target={target}
            missing={missing}
            allIds={stations.map((station) => station.id)}
            nameOf={nameOf}
            pending={fetch.pending}
            disabled={!canFetch}
            onSubmit={start}
            onCancel={() => setTarget(undefined)}
          />
        )}
      </div>

      {fetch.error && (
        <p className="notice notice-danger" role="alert">
          {fetch.error.message}
        </p>
      )}
      {failures.length > 0 && (
        <div className="notice notice-danger" role="alert">
          <p>{t('fetch.failedTitle')}</p>
          <ul className="failure-list">
            {failures.map((outcome) =>
              outcome.ok ? null : (
                <li key={outcome.stationId}>
                  <strong>{nameOf(outcome.stationId)}</strong>: {outcome.error}
                </li>
              ),
            )}
          </ul>
        </div>
      )}
      {fetched > 0 && !fetch.pending && (
        <p className="notice notice-success" role="status">
          {fetched === 1 && firstFetched
            ? t('fetch.fetchedOne', { name: nameOf(firstFetched.stationId) })
            : t('fetch.fetched', { number: fetched })}
        </p>
      )}

      <div className="table-scroll">
        <table className="stations-table" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">{t('table.station')}</th>
              <th scope="col">{t('table.country')}</th>
              <th scope="col">{t('table.position')}</th>
              <th scope="col">{t('table.data', { year })}</th>
              <th scope="col">{t('table.thing')}</th>
              <th scope="col">{t('table.device')}</th>
            </tr>
          </thead>
          <tbody>
            {stations.map((station) => (
              <tr key={station.id}>
                <th scope="row">
                  <span className="station-name">{station.name}</span>
                  <span className="station-ids">
                    <code>{station.id}</code> · {station.icao}
                  </span>
                </th>
                <td>
                  <span className="country">
                    <span className="country-code" aria-hidden="true">
                      {station.country}
                    </span>
                    {countryName(language, station.country)}
                  </span>
                </td>
                <td className="position">
                  <span>
                    {formatCoordinate(language, station.latitude, [t('compass.n'), t('compass.s')])},{' '}
                    {formatCoordinate(language, station.longitude, [t('compass.e'), t('compass.w')])}
                  </span>
                  <span className="muted">{formatNumber(language, station.elevation)} m</span>
                </td>
                <td>
                  <DataCell
                    station={station}
                    progress={showProgress ? progress[station.id] : undefined}
                    canFetch={canFetch}
                    onFetch={() => open({ kind: 'one', stationId: station.id })}
                  />
                </td>
                <td>
                  <code className="thing-name">{station.device.thingName}</code>
                </td>
                <td>
                  <span title={t(`device.${station.device.status}Hint`)}>
                    <StatusPill tone={deviceTone(station.device.status)}>
                      {t(`device.${station.device.status}`)}
                    </StatusPill>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="card-footnote">{t('table.source')}</p>
    </section>
  );
}
