import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AwsConnectInput, AwsStatus } from '../../api/contract';
import { useAction, useRequest } from '../../api/hooks';
import { BusyButton } from '../console/ui/busy-button';
import { ErrorNotice } from '../console/ui/error-notice';
import { Segmented } from './segmented';

type SourceKind = AwsConnectInput['source']['kind'];
const SOURCES: SourceKind[] = ['block', 'profile', 'environment'];

/** The block a student pastes: a textarea that keeps the text as typed (no spell check, no autocorrect). */
export function CredentialsBlockField({
  value,
  onChange,
  invalid,
}: {
  value: string;
  onChange(text: string): void;
  invalid: boolean;
}) {
  const { t } = useTranslation('settings');
  const hintId = useId();
  return (
    <label className="field">
      <span className="field-label">{t('credentials.blockLabel')}</span>
      <textarea
        className="text-input mono credentials-block"
        rows={5}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        placeholder={'[default]\naws_access_key_id=ASIA…\naws_secret_access_key=…\naws_session_token=…'}
        aria-describedby={hintId}
        aria-invalid={invalid || undefined}
      />
      <span id={hintId} className="field-hint">
        {t('credentials.blockHint')}
      </span>
    </label>
  );
}

/** Where the credentials come from (a pasted block, a profile, the environment), the region, verify. */
export function CredentialsForm({ status, onConnected }: { status: AwsStatus | undefined; onConnected(): void }) {
  const { t } = useTranslation('settings');
  const profiles = useRequest('aws.profiles');
  const connect = useAction('aws.connect');
  const [kind, setKind] = useState<SourceKind>('block');
  const [text, setText] = useState('');
  const [profile, setProfile] = useState('');
  const [region, setRegion] = useState(status?.session?.region ?? 'us-east-1');
  const [endpoint, setEndpoint] = useState(status?.session?.endpointOverride ?? '');
  const regionId = useId();

  const chosenProfile = profile || profiles.data?.profiles.find((p) => p.hasKeys)?.name || '';
  const source: AwsConnectInput['source'] =
    kind === 'block' ? { kind, text } : kind === 'profile' ? { kind, name: chosenProfile } : { kind };
  const ready =
    (kind === 'block' && text.trim() !== '') ||
    (kind === 'profile' && chosenProfile !== '') ||
    (kind === 'environment' && profiles.data?.environment === true);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await connect.run({ source, region: region.trim(), endpointOverride: endpoint.trim() });
    if (result.ok) {
      setText('');
      onConnected();
    }
  };

  const files = profiles.data?.files;
  return (
    <form className="form-stack" onSubmit={submit} aria-label={t('credentials.title')}>
      <Segmented
        label={t('credentials.source')}
        options={SOURCES.map((option) => ({ value: option, label: t(`credentials.${option}`) }))}
        value={kind}
        onChange={(option) => {
          setKind(option);
          connect.reset();
        }}
      />

      {kind === 'block' && (
        <CredentialsBlockField value={text} onChange={setText} invalid={connect.error !== undefined} />
      )}

      {kind === 'profile' && (
        <label className="field">
          <span className="field-label">{t('credentials.profileLabel')}</span>
          {profiles.data && profiles.data.profiles.length > 0 ? (
            <select className="text-input" value={chosenProfile} onChange={(e) => setProfile(e.target.value)}>
              {profiles.data.profiles.map((p) => (
                <option key={p.name} value={p.name} disabled={!p.hasKeys}>
                  {p.hasKeys ? `${p.name}${p.region ? ` (${p.region})` : ''}` : t('credentials.profileNoKeys', { name: p.name })}
                </option>
              ))}
            </select>
          ) : (
            <span className="field-hint">{files && t('credentials.noProfiles', files)}</span>
          )}
          {files && profiles.data?.profiles.length ? (
            <span className="field-hint">{t('credentials.profileHint', files)}</span>
          ) : null}
        </label>
      )}

      {kind === 'environment' && (
        <p className={`notice ${profiles.data?.environment ? 'notice-info' : 'notice-warning'}`}>
          {profiles.data?.environment ? t('credentials.environmentHint') : t('credentials.environmentMissing')}
        </p>
      )}

      <label className="field region-field">
        <span className="field-label">{t('credentials.region')}</span>
        <input
          className="text-input mono"
          value={region}
          onChange={(event) => setRegion(event.target.value)}
          spellCheck={false}
          aria-describedby={regionId}
        />
        <span id={regionId} className="field-hint">
          {t('credentials.regionHint')}
        </span>
      </label>

      <details className="advanced" open={endpoint !== '' || undefined}>
        <summary>{t('credentials.advanced')}</summary>
        <label className="field">
          <span className="field-label">{t('credentials.endpoint')}</span>
          <input
            className="text-input mono"
            value={endpoint}
            onChange={(event) => setEndpoint(event.target.value)}
            placeholder="http://127.0.0.1:4566"
            spellCheck={false}
          />
          <span className="field-hint">{t('credentials.endpointHint')}</span>
        </label>
      </details>

      <ErrorNotice error={connect.error} />
      <div className="button-row">
        <BusyButton type="submit" busy={connect.pending} disabled={!ready}>
          {connect.pending ? t('credentials.verifying') : t('credentials.verify')}
        </BusyButton>
      </div>
    </form>
  );
}
