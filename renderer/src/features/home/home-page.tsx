import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCloudStatus } from '../../api/cloud';
import { useRequest } from '../../api/hooks';
import { ActivityCard } from './activity-card';
import { CloudCard } from './cloud-card';
import { SnippetsCard } from './snippets-card';
import './home.css';

/** The first screen: how the lab runs, how to reach its cloud, and what the cloud is doing. */
export function HomePage() {
  const { t } = useTranslation('home');
  const info = useRequest('app.info');
  const status = useCloudStatus();
  const loaded = info.data !== undefined && status.data !== undefined && status.data.state !== 'starting';

  // The ready signal end-to-end tests wait for: the screen shows a settled cloud.
  useEffect(() => {
    if (loaded) document.body.dataset.ready = 'true';
  }, [loaded]);

  const error = info.error ?? status.error;
  return (
    <div className="home">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="lead">{info.data?.mode === 'aws' ? t('leadAws') : t('lead')}</p>
      </header>

      {error && (
        <p className="notice notice-danger" role="alert">
          {error.message}
        </p>
      )}

      {info.data && status.data && (
        <>
          <div className="home-grid">
            <CloudCard info={info.data} status={status.data} />
            <ActivityCard counters={status.data.calls} />
          </div>
          {status.data.endpoints && (
            <SnippetsCard endpoints={status.data.endpoints} platform={info.data.platform} />
          )}
        </>
      )}
    </div>
  );
}
