import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AwsCredentialsExpired } from '../../api/contract';
import { useAction, useEvent } from '../../api/hooks';
import { Dialog } from '../../components/dialog';
import { BusyButton } from '../console/ui/busy-button';
import { ErrorNotice } from '../console/ui/error-notice';
import { CredentialsBlockField } from './credentials-form';
import '../../components/workbench.css';
import './settings.css';

/**
 * One dialog, from any page, when AWS says the session token expired: paste the new AWS Academy block,
 * verified with STS before the app uses it. Main sends the event once per expiry.
 */
export function ExpiredCredentialsPrompt() {
  const { t } = useTranslation('settings');
  const [expired, setExpired] = useState<AwsCredentialsExpired | undefined>();
  const [text, setText] = useState('');
  const [renewed, setRenewed] = useState(false);
  const connect = useAction('aws.connect');
  useEvent('aws.credentialsExpired', (event) => {
    setExpired(event);
    setRenewed(false);
    connect.reset();
  });

  if (renewed) {
    return (
      <p className="banner banner-success" role="status">
        <span>{t('expired.renewed')}</span>
        <button type="button" className="button" onClick={() => setRenewed(false)}>
          {t('close')}
        </button>
      </p>
    );
  }
  if (!expired) return null;

  const submit = async () => {
    const result = await connect.run({ source: { kind: 'block', text } });
    if (!result.ok) return;
    setText('');
    setExpired(undefined);
    setRenewed(true);
  };

  return (
    <div className="workbench expired-prompt">
      <Dialog
        title={t('expired.title')}
        description={t('expired.description', {
          code: expired.code,
          service: expired.service,
          operation: expired.operation,
        })}
        closeLabel={t('expired.close')}
        onClose={() => setExpired(undefined)}
        onSubmit={() => void submit()}
        actions={
          <>
            <button type="button" className="button button-secondary" onClick={() => setExpired(undefined)}>
              {t('expired.later')}
            </button>
            <BusyButton type="submit" busy={connect.pending} disabled={text.trim() === ''}>
              {t('expired.submit')}
            </BusyButton>
          </>
        }
      >
        <div className="form-stack">
          <CredentialsBlockField value={text} onChange={setText} invalid={connect.error !== undefined} />
          <ErrorNotice error={connect.error} />
        </div>
      </Dialog>
    </div>
  );
}
