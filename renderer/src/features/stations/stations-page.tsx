import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCloudStatus } from '../../api/cloud';
import { useRequest } from '../../api/hooks';
import { LiveTemperatureChart } from '../charts';
import { FleetCard } from './fleet-card';
import { LiveReplay } from './live-replay';
import { ReplayCard } from './replay-card';
import { StationsCard } from './stations-card';
import { isReplayActive, useReplayStatus } from './use-replay-status';
import './stations.css';

/** The lab's stations, in the lab's order: their readings, their devices, then the replay. */
export function StationsPage() {
  const { t } = useTranslation('stations');
  const overview = useRequest('stations.list', {});
  const cloud = useCloudStatus();
  const replay = useReplayStatus();
  const [fetching, setFetching] = useState(false);

  // Device statuses come from the registry: asked again once a starting cloud runs.
  const cloudState = cloud.data?.state;
  const previousCloudState = useRef(cloudState);
  const { reload } = overview;
  useEffect(() => {
    const previous = previousCloudState.current;
    previousCloudState.current = cloudState;
    if (cloudState === 'running' && previous !== undefined && previous !== 'running') reload();
  }, [cloudState, reload]);
  const error = overview.error ?? replay.error;
  const stations = overview.data?.stations;
  const stationName = useCallback(
    (id: string) => stations?.find((station) => station.id === id)?.name ?? id,
    [stations],
  );

  return (
    <div className="stations">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="lead">{t('lead')}</p>
      </header>

      {error && (
        <p className="notice notice-danger" role="alert">
          {error.message}
        </p>
      )}

      {overview.data && (
        <>
          <StationsCard
            overview={overview.data}
            refreshing={overview.loading}
            locked={isReplayActive(replay.data)}
            onFetchingChange={setFetching}
            onChanged={overview.reload}
          />
          <div className="stations-grid">
            <FleetCard
              overview={overview.data}
              accountId={cloud.data?.endpoints?.accountId}
              onProvisioned={overview.reload}
            />
            <ReplayCard
              overview={overview.data}
              status={replay.data}
              cloudRunning={cloud.data?.state === 'running'}
              busy={fetching}
              onStatus={(next) => replay.setData(() => next)}
            />
          </div>
          <LiveReplay overview={overview.data} status={replay.data} />
          <LiveTemperatureChart stationName={stationName} />
        </>
      )}
    </div>
  );
}
