import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AwsStatus, LabMode } from '../../api/contract';
import { useAction } from '../../api/hooks';
import { CloudIcon, KeyIcon } from '../../components/icons';
import { StatusPill } from '../../components/status-pill';
import { BusyButton } from '../console/ui/busy-button';
import { Card } from '../console/ui/card';
import { ErrorNotice } from '../console/ui/error-notice';
import { formatBytes, formatDateTime } from '../console/ui/format';
import { CredentialsForm } from './credentials-form';
import { Segmented } from './segmented';
import { useAwsStatus } from './use-aws-status';

const MODES: LabMode[] = ['offline', 'aws'];

function SessionDetails({ status }: { status: AwsStatus }) {
  const { t, i18n } = useTranslation('settings');
  const session = status.session;
  if (!session) return null;
  return (
    <dl className="kv" aria-label={t('credentials.title')}>
      <div>
        <dt>{t('credentials.account')}</dt>
        <dd>
          <code>{session.identity.account}</code>
          {session.expired && <StatusPill tone="danger">{t('credentials.expired')}</StatusPill>}
        </dd>
      </div>
      <div>
        <dt>{t('credentials.arn')}</dt>
        <dd>
          <code>{session.identity.arn}</code>
        </dd>
      </div>
      <div>
        <dt>{t('credentials.keyId')}</dt>
        <dd>
          <span>
            <code>{session.accessKeyId}</code>{' '}
            <span className="muted">· {session.temporary ? t('credentials.temporary') : t('credentials.longTerm')}</span>
          </span>
        </dd>
      </div>
      <div>
        <dt>{t('credentials.region')}</dt>
        <dd>
          <code>{session.region}</code>
        </dd>
      </div>
      <div>
        <dt>{t('credentials.source_')}</dt>
        <dd>{session.source}</dd>
      </div>
      {session.endpointOverride && (
        <div>
          <dt>{t('credentials.endpointShort')}</dt>
          <dd>
            <code>{session.endpointOverride}</code>
          </dd>
        </div>
      )}
      <div>
        <dt>{t('credentials.verifiedAt')}</dt>
        <dd>{formatDateTime(i18n.language, session.verifiedAt)}</dd>
      </div>
      {status.mode === 'aws' && (
        <div>
          <dt>{t('credentials.workGroup')}</dt>
          <dd>
            {status.bytesScannedCutoff !== undefined
              ? t('credentials.cutoff', {
                  name: status.athenaWorkGroup,
                  size: formatBytes(i18n.language, status.bytesScannedCutoff),
                })
              : status.athenaWorkGroup}
          </dd>
        </div>
      )}
      {status.deviceEndpoint && (
        <div>
          <dt>{t('credentials.devices')}</dt>
          <dd>
            <code>
              {status.deviceEndpoint.host}:{status.deviceEndpoint.port}
            </code>
          </dd>
        </div>
      )}
    </dl>
  );
}

/** Which cloud the lab works against, and the credentials of the AWS account. */
export function AccountTab() {
  const { t } = useTranslation('settings');
  const status = useAwsStatus();
  const setMode = useAction('aws.setMode');
  const forget = useAction('aws.forget');
  const [forgotten, setForgotten] = useState(false);
  const data = status.data;
  const session = data?.session;

  return (
    <div className="split split-even settings-account">
      <Card icon={<CloudIcon />} title={t('mode.title')} lead={t('mode.lead')}>
        {data && (
          <div className="form-stack">
            <Segmented
              label={t('mode.label')}
              options={MODES.map((mode) => ({ value: mode, label: t(`mode.${mode}`) }))}
              value={data.mode}
              disabled={(mode) => setMode.pending || (mode === 'aws' && !session)}
              onChange={(mode) => {
                setForgotten(false);
                void setMode.run({ mode });
              }}
            />
            <p className={`notice ${data.mode === 'aws' ? 'notice-info' : ''}`} role="status">
              {data.mode === 'aws' && session
                ? t('mode.awsNow', { account: session.identity.account, region: session.region })
                : session
                  ? t('mode.offlineNow')
                  : `${t('mode.offlineNow')} ${t('mode.needCredentials')}`}
            </p>
            <ErrorNotice error={setMode.error ?? forget.error} />
            {data.warnings.map((warning) => (
              <p key={warning} className="notice notice-warning">
                {warning}
              </p>
            ))}
            <SessionDetails status={data} />
            <p className="field-hint">
              {data.storage === 'encrypted' ? t('credentials.storageEncrypted') : t('credentials.storageMemory')}
            </p>
            {forgotten && (
              <p className="notice notice-success" role="status">
                {t('credentials.forgetDone')}
              </p>
            )}
            {session && (
              <div className="button-row">
                <BusyButton
                  type="button"
                  className="button-danger"
                  busy={forget.pending}
                  onClick={() => void forget.run().then((result) => setForgotten(result.ok))}
                >
                  {t('credentials.forget')}
                </BusyButton>
              </div>
            )}
          </div>
        )}
      </Card>
      <Card icon={<KeyIcon />} title={t('credentials.title')} lead={t('credentials.lead')}>
        {data && <CredentialsForm status={data} onConnected={() => setForgotten(false)} />}
      </Card>
    </div>
  );
}
