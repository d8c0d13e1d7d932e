import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-provider';
import { sendOrThrow, type CloudQuery, type CloudOutput } from '../../api/cloud-sdk';
import { FormDialog } from '../console/ui/form-dialog';
import { formatBytes } from '../console/ui/format';
import { S3_URI } from '../console/ui/s3-uri';
import { useTask } from '../console/ui/task';


/**
 * The work group's query result location (where Athena writes each result CSV) and its data limit
 * per query; "Manage" sets the location with UpdateWorkGroup, as the lab's first Athena step asks.
 */
export function ResultLocation({
  workGroup,
  details,
}: {
  workGroup: string;
  details: CloudQuery<CloudOutput<'athena', 'GetWorkGroup'>>;
}) {
  const { t, i18n } = useTranslation('sql');
  const [editing, setEditing] = useState(false);
  const configuration = details.data?.WorkGroup?.Configuration;
  const location = configuration?.ResultConfiguration?.OutputLocation;
  const cutoff = configuration?.BytesScannedCutoffPerQuery;
  return (
    <div className="result-location">
      <span className="field-label">{t('resultLocation.label')}</span>
      <span className={location ? 'mono' : 'muted'} aria-label={t('resultLocation.label')}>
        {location ?? t('resultLocation.none')}
      </span>
      <button type="button" className="button button-ghost button-small" onClick={() => setEditing(true)}>
        {t('resultLocation.manage')}
      </button>
      {cutoff !== undefined && (
        <span className="muted">
          {t('resultLocation.cutoff', { bytes: formatBytes(i18n.language, cutoff) })}
        </span>
      )}
      {editing && (
        <ResultLocationDialog
          workGroup={workGroup}
          current={location ?? ''}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            details.reload();
          }}
        />
      )}
    </div>
  );
}

export function ResultLocationDialog({
  workGroup,
  current,
  onClose,
  onSaved,
}: {
  workGroup: string;
  current: string;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation('sql');
  const { bridge } = useApi();
  const task = useTask();
  const [value, setValue] = useState(current);
  const location = value.trim();
  const invalid = location !== '' && !S3_URI.test(location);
  const save = () => {
    if (invalid || location === '') return;
    const folder = location.endsWith('/') ? location : `${location}/`;
    void task
      .run(async () => {
        await sendOrThrow(bridge, 'athena', 'UpdateWorkGroup', {
          WorkGroup: workGroup,
          ConfigurationUpdates: { ResultConfigurationUpdates: { OutputLocation: folder } },
        });
      })
      .then((ok) => ok && onSaved());
  };
  return (
    <FormDialog
      title={t('resultLocation.title')}
      description={t('resultLocation.description', { workGroup })}
      submitLabel={t('resultLocation.save')}
      task={task}
      disabled={invalid || location === ''}
      onClose={onClose}
      onSubmit={save}
    >
      <label className="field">
        <span className="field-label">{t('resultLocation.field')}</span>
        <input
          className="text-input mono"
          value={value}
          placeholder="s3://iot-tutorial-athena-query-…/"
          aria-invalid={invalid}
          onChange={(event) => setValue(event.target.value)}
        />
        {invalid && <span className="field-error">{t('resultLocation.invalid')}</span>}
      </label>
    </FormDialog>
  );
}
