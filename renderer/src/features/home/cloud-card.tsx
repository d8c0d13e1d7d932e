import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, CloudStatus } from '../../api/contract';
import { cloudStateTone } from '../../app/cloud-state';
import { CopyButton } from '../../components/copy-button';
import { CloudIcon } from '../../components/icons';
import { StatusPill } from '../../components/status-pill';
import { useCopyLabels } from './copy-labels';

function Detail({ label, children, copy }: { label: string; children: ReactNode; copy?: string }) {
  const id = useId();
  const copyLabels = useCopyLabels(label);
  return (
    <div className="detail">
      <dt id={id}>{label}</dt>
      <dd aria-labelledby={id}>
        <span className="detail-value">{children}</span>
        {copy !== undefined && <CopyButton text={copy} {...copyLabels} />}
      </dd>
    </div>
  );
}

/** Where the local cloud is and who it says you are: everything a client needs to reach it. */
export function CloudCard({ info, status }: { info: AppInfo; status: CloudStatus }) {
  const { t } = useTranslation('home');
  const { t: tApp } = useTranslation('app');
  const { endpoints } = status;

  return (
    <section className="card cloud-card" aria-labelledby="cloud-card-title">
      <header className="card-header">
        <span className="card-icon" aria-hidden="true">
          <CloudIcon />
        </span>
        <h2 id="cloud-card-title">{t('cloud.title')}</h2>
        <StatusPill tone={cloudStateTone(status.state)} pulse={status.state === 'starting'}>
          {tApp(`cloudState.${status.state}`)}
        </StatusPill>
      </header>

      {status.state === 'error' && (
        <p className="notice notice-danger" role="alert">
          {t('cloud.failed', { message: status.error ?? '' })}
        </p>
      )}
      {status.state === 'starting' && <p className="notice">{t('cloud.starting')}</p>}
      {status.state === 'stopped' && <p className="notice">{t('cloud.stopped')}</p>}

      <dl className="details">
        <Detail label={t('cloud.mode')}>
          <strong>{tApp(`mode.${info.mode}`)}</strong>
          <span className="muted"> · {tApp(`mode.${info.mode}Hint`)}</span>
        </Detail>
        {endpoints && (
          <>
            <Detail label={t('cloud.endpoint')} copy={endpoints.endpoint}>
              <code>{endpoints.endpoint}</code>
            </Detail>
            <Detail label={t('cloud.region')} copy={endpoints.region}>
              <code>{endpoints.region}</code>
            </Detail>
            <Detail label={t('cloud.accountId')} copy={endpoints.accountId}>
              <code>{endpoints.accountId}</code>
            </Detail>
            <Detail label={t('cloud.accessKeyId')} copy={endpoints.credentials.accessKeyId}>
              <code>{endpoints.credentials.accessKeyId}</code>
            </Detail>
            <Detail label={t('cloud.secretAccessKey')} copy={endpoints.credentials.secretAccessKey}>
              <code>{endpoints.credentials.secretAccessKey}</code>
            </Detail>
          </>
        )}
        <Detail label={t('cloud.labFolder')} copy={status.labDir}>
          <code>{status.labDir}</code>
        </Detail>
      </dl>
      {endpoints && <p className="card-footnote">{t('cloud.credentialsNote')}</p>}
    </section>
  );
}
