import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery } from '../../../api/cloud-sdk';
import type { FirehoseBufferInfo } from '../../../api/contract';
import { useEvent, useRequest } from '../../../api/hooks';
import { navigate, pageHref, useSubPath } from '../../../app/use-route';
import { ActivityIcon, StreamIcon } from '../../../components/icons';
import { StatusPill } from '../../../components/status-pill';
import { DeleteButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ConsolePage, ListDetail } from '../ui/console-page';
import { DeleteDialog } from '../ui/delete-dialog';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { FormDialog } from '../ui/form-dialog';
import { formatBytes, formatDateTime, formatNumber } from '../ui/format';
import { LoadingLine } from '../ui/loading-line';
import { ListCard } from '../ui/list-card';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';
import { usePolling } from '../ui/use-polling';

/** The lab's stream name (the original lab's, without its typo). */
const LAB_STREAM = 'IoT_warehouse_delivery_stream';
const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;

/** The buffers of the local Firehose, kept current by `firehose.status` events. */
function useFirehoseBuffers() {
  const buffers = useRequest('firehose.buffers');
  useEvent('firehose.status', (next) => buffers.setData(() => next));
  return buffers.data;
}

function bucketOf(arn: string | undefined): string {
  return arn?.slice(arn.indexOf(':::') + 3) ?? '';
}

/** Amazon Data Firehose as its console shows it: `#/firehose/<stream>`. */
export function FirehosePage() {
  const { t, i18n } = useTranslation('console');
  const [selected = ''] = useSubPath();
  const streams = useCloudQuery('firehose', 'ListDeliveryStreams', { Limit: 100 });
  const buffers = useFirehoseBuffers();
  const [creating, setCreating] = useState(false);
  const bufferOf = (name: string) => buffers?.streams.find((stream) => stream.streamName === name);

  return (
    <ConsolePage title={t('firehose.title')} lead={t('firehose.lead')}>
      <ListDetail
        layout="narrow"
        selected={selected || undefined}
        placeholder={t('firehose.select')}
        icon={<StreamIcon />}
        list={
          <ListCard
            icon={<StreamIcon />}
            title={t('firehose.streams')}
            list={streams}
            create={{ label: t('firehose.create'), onClick: () => setCreating(true), compact: true }}
          >
            <ResourceTable
              label={t('firehose.streams')}
              rows={streams.data?.DeliveryStreamNames ?? []}
              rowKey={(name) => name}
              nameHeader={t('common.name')}
              name={(name) => name}
              href={(name) => pageHref('firehose', name)}
              selectedKey={selected}
              columns={
                buffers?.available
                  ? [
                      {
                        id: 'buffered',
                        header: t('firehose.buffered'),
                        cell: (name) => formatNumber(i18n.language, bufferOf(name)?.records ?? 0),
                        className: 'numeric',
                      },
                    ]
                  : []
              }
              empty={streams.loading ? t('common.loading') : t('firehose.none')}
            />
          </ListCard>
        }
        detail={(name) => (
          <StreamDetail
            key={name}
            name={name}
            buffer={bufferOf(name)}
            bufferAvailable={buffers?.available ?? false}
            onDeleted={() => {
              streams.reload();
              navigate('firehose');
            }}
          />
        )}
      />
      {creating && (
        <CreateStreamDialog
          onClose={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            streams.reload();
            navigate('firehose', name);
          }}
        />
      )}
    </ConsolePage>
  );
}

function StreamDetail({
  name,
  buffer,
  bufferAvailable,
  onDeleted,
}: {
  name: string;
  buffer: FirehoseBufferInfo | undefined;
  bufferAvailable: boolean;
  onDeleted(): void;
}) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const described = useCloudQuery('firehose', 'DescribeDeliveryStream', { DeliveryStreamName: name });
  const [deleting, setDeleting] = useState(false);
  const stream = described.data?.DeliveryStreamDescription;
  const status = stream?.DeliveryStreamStatus;
  const destination = stream?.Destinations?.[0];
  const s3 = destination?.ExtendedS3DestinationDescription ?? destination?.S3DestinationDescription;
  const bucket = bucketOf(s3?.BucketARN);
  const { reload } = described;

  // CREATING → ACTIVE: AWS takes seconds to a minute; the page follows it.
  usePolling(reload, status !== undefined && status !== 'ACTIVE');

  if (described.error) return <ErrorNotice error={described.error} />;
  return (
    <div className="stack">
      <Card
        icon={<StreamIcon />}
        title={name}
        badge={
          status && (
            <StatusPill tone={status === 'ACTIVE' ? 'success' : 'warning'} pulse={status === 'CREATING'}>
              {status}
            </StatusPill>
          )
        }
        actions={<DeleteButton onClick={() => setDeleting(true)} />}
      >
        {status === 'CREATING' && <LoadingLine>{t('firehose.creating')}</LoadingLine>}
        {stream && (
          <Details
            items={[
              {
                label: t('common.arn'),
                value: <code>{stream.DeliveryStreamARN}</code>,
                copy: stream.DeliveryStreamARN,
              },
              { label: t('firehose.source'), value: stream.DeliveryStreamType },
              {
                label: t('firehose.destination'),
                value: bucket ? <a href={pageHref('s3', bucket)}>s3://{bucket}</a> : '—',
              },
              {
                label: t('firehose.prefix'),
                value: s3?.Prefix ? (
                  <code>{s3.Prefix}</code>
                ) : (
                  <span className="muted">{t('firehose.defaultPrefix')}</span>
                ),
              },
              s3?.ErrorOutputPrefix
                ? { label: t('firehose.errorPrefix'), value: <code>{s3.ErrorOutputPrefix}</code> }
                : undefined,
              {
                label: t('firehose.buffering'),
                value: t('firehose.bufferingValue', {
                  size: s3?.BufferingHints?.SizeInMBs ?? 5,
                  seconds: s3?.BufferingHints?.IntervalInSeconds ?? 300,
                }),
              },
              { label: t('firehose.compression'), value: s3?.CompressionFormat ?? 'UNCOMPRESSED' },
              { label: t('firehose.version'), value: stream.VersionId },
              { label: t('common.created'), value: formatDateTime(i18n.language, stream.CreateTimestamp) },
            ]}
          />
        )}
      </Card>
      <BufferCard buffer={buffer} available={bufferAvailable} bucket={bucket} prefix={s3?.Prefix ?? ''} />
      {deleting && (
        <DeleteDialog
          title={t('firehose.deleteTitle', { name })}
          onClose={() => setDeleting(false)}
          onDelete={() =>
            sendOrThrow(bridge, 'firehose', 'DeleteDeliveryStream', { DeliveryStreamName: name })
          }
          onDeleted={onDeleted}
        >
          <p>{t('firehose.deleteText')}</p>
          {buffer && buffer.records > 0 && (
            <p className="notice notice-warning">{t('firehose.deleteBuffered', { count: buffer.records })}</p>
          )}
        </DeleteDialog>
      )}
    </div>
  );
}

/** The buffer as it fills: size and age against the hints, then a delivery to S3. */
function BufferCard({
  buffer,
  available,
  bucket,
  prefix,
}: {
  buffer: FirehoseBufferInfo | undefined;
  available: boolean;
  bucket: string;
  prefix: string;
}) {
  const { t, i18n } = useTranslation('console');
  const language = i18n.language;
  if (!available) {
    return (
      <Card icon={<ActivityIcon />} title={t('firehose.bufferTitle')}>
        <p className="notice">{t('firehose.bufferAws')}</p>
      </Card>
    );
  }
  const bytes = buffer?.bytes ?? 0;
  const limit = buffer?.sizeLimitBytes ?? 5 * 1024 * 1024;
  const interval = buffer?.intervalSeconds ?? 300;
  const remaining = buffer?.secondsUntilFlush;
  const elapsed = remaining === undefined ? 0 : Math.max(0, interval - remaining);
  return (
    <Card icon={<ActivityIcon />} title={t('firehose.bufferTitle')} lead={t('firehose.bufferLead')}>
      <div className="gauges">
        <div className="gauge">
          <div className="gauge-head">
            <span className="gauge-label">{t('firehose.size')}</span>
            <span className="gauge-value">
              {formatBytes(language, bytes)} /{' '}
              {t('firehose.limitMiB', { size: formatNumber(language, limit / 1048576, 1) })}
            </span>
          </div>
          <progress
            className="meter"
            max={limit}
            value={bytes}
            aria-label={t('firehose.size')}
            aria-valuetext={`${formatBytes(language, bytes)} / ${t('firehose.limitMiB', { size: formatNumber(language, limit / 1048576, 1) })}`}
          />
        </div>
        <div className="gauge">
          <div className="gauge-head">
            <span className="gauge-label">{t('firehose.interval')}</span>
            <span className="gauge-value">
              {remaining === undefined
                ? t('firehose.emptyBuffer')
                : t('firehose.untilFlush', { seconds: formatNumber(language, remaining) })}
            </span>
          </div>
          <progress
            className="meter meter-warning"
            max={Math.max(1, interval)}
            value={elapsed}
            aria-label={t('firehose.interval')}
            aria-valuetext={
              remaining === undefined
                ? t('firehose.emptyBuffer')
                : t('firehose.untilFlush', { seconds: remaining })
            }
          />
        </div>
      </div>
      <dl className="stat-grid firehose-stats">
        <div className="stat-tile">
          <dt>{t('firehose.records')}</dt>
          <dd>{formatNumber(language, buffer?.records ?? 0)}</dd>
        </div>
        <div className="stat-tile">
          <dt>{t('firehose.deliveredObjects')}</dt>
          <dd>{formatNumber(language, buffer?.deliveredObjects ?? 0)}</dd>
        </div>
        <div className="stat-tile">
          <dt>{t('firehose.deliveredRecords')}</dt>
          <dd>{formatNumber(language, buffer?.deliveredRecords ?? 0)}</dd>
        </div>
        <div className="stat-tile">
          <dt>{t('firehose.lastDelivery')}</dt>
          <dd className="stat-small">
            {buffer?.lastDeliveryAt ? formatDateTime(language, buffer.lastDeliveryAt) : t('firehose.never')}
          </dd>
        </div>
      </dl>
      {buffer?.lastDeliveryError && (
        <p className="notice notice-danger" role="alert">
          <span className="error-code">{buffer.lastDeliveryError.code}</span>
          {t('firehose.deliveryFailing', { attempts: buffer.lastDeliveryError.attempts })}{' '}
          {buffer.lastDeliveryError.message}
        </p>
      )}
      {bucket && (
        <p className="card-footnote">
          {t('firehose.objectsIn')}{' '}
          <a href={pageHref('s3', bucket, prefix)}>
            s3://{bucket}/{prefix}
          </a>
        </p>
      )}
    </Card>
  );
}

function CreateStreamDialog({ onClose, onCreated }: { onClose(): void; onCreated(name: string): void }) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const buckets = useCloudQuery('s3', 'ListBuckets', {});
  const identity = useCloudQuery('sts', 'GetCallerIdentity', {});
  const [name, setName] = useState(LAB_STREAM);
  const [bucket, setBucket] = useState('');
  const [prefix, setPrefix] = useState('');
  const [errorPrefix, setErrorPrefix] = useState('');
  const [size, setSize] = useState(5);
  const [interval, setIntervalSeconds] = useState(300);
  const [compression, setCompression] = useState<'UNCOMPRESSED' | 'GZIP'>('UNCOMPRESSED');
  const [touched, setTouched] = useState(false);
  const task = useTask();
  const names = (buckets.data?.Buckets ?? []).flatMap((b) => (b.Name ? [b.Name] : []));
  // The lab delivers to its data-lake bucket.
  const chosenBucket = bucket || names.find((b) => b.startsWith('iot-tutorial-datalake')) || names[0] || '';
  const account = identity.data?.Account ?? '';
  const invalid =
    !STREAM_NAME.test(name) || !chosenBucket || size < 1 || size > 128 || interval < 0 || interval > 900;

  const submit = () => {
    setTouched(true);
    if (invalid) return;
    void task.run(async () => {
      await sendOrThrow(bridge, 'firehose', 'CreateDeliveryStream', {
        DeliveryStreamName: name,
        DeliveryStreamType: 'DirectPut',
        ExtendedS3DestinationConfiguration: {
          RoleARN: `arn:aws:iam::${account}:role/LabRole`,
          BucketARN: `arn:aws:s3:::${chosenBucket}`,
          Prefix: prefix || undefined,
          ErrorOutputPrefix: errorPrefix || undefined,
          BufferingHints: { SizeInMBs: size, IntervalInSeconds: interval },
          CompressionFormat: compression,
        },
      });
      onCreated(name);
    });
  };

  return (
    <FormDialog
      title={t('firehose.create')}
      description={t('firehose.createLead')}
      submitLabel={t('firehose.create')}
      task={task}
      disabled={!account}
      onClose={onClose}
      onSubmit={submit}
      size="wide"
    >
      <div className="form-grid">
        <label className="field">
          <span className="field-label">{t('common.name')}</span>
          <input
            className="text-input mono"
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={touched && !STREAM_NAME.test(name) ? 'true' : undefined}
          />
          <span className="field-hint">{t('firehose.source')}: Direct PUT</span>
        </label>
        <label className="field">
          <span className="field-label">{t('firehose.bucket')}</span>
          <select
            className="text-input"
            value={chosenBucket}
            onChange={(event) => setBucket(event.target.value)}
          >
            {names.length === 0 && <option value="">{t('firehose.noBucket')}</option>}
            {names.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('firehose.prefix')}</span>
          <input
            className="text-input mono"
            value={prefix}
            placeholder="raw/"
            onChange={(event) => setPrefix(event.target.value)}
          />
          <span className="field-hint">{t('firehose.prefixHint')}</span>
        </label>
        <label className="field">
          <span className="field-label">{t('firehose.errorPrefix')}</span>
          <input
            className="text-input mono"
            value={errorPrefix}
            onChange={(event) => setErrorPrefix(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('firehose.bufferSize')}</span>
          <input
            type="number"
            className="text-input"
            min={1}
            max={128}
            value={size}
            onChange={(event) => setSize(Number(event.target.value))}
          />
          <span className="field-hint">{t('firehose.bufferSizeHint')}</span>
        </label>
        <label className="field">
          <span className="field-label">{t('firehose.bufferInterval')}</span>
          <input
            type="number"
            className="text-input"
            min={0}
            max={900}
            value={interval}
            onChange={(event) => setIntervalSeconds(Number(event.target.value))}
          />
          <span className="field-hint">{t('firehose.bufferIntervalHint')}</span>
        </label>
        <label className="field">
          <span className="field-label">{t('firehose.compression')}</span>
          <select
            className="text-input"
            value={compression}
            onChange={(event) => setCompression(event.target.value as 'UNCOMPRESSED' | 'GZIP')}
          >
            <option value="UNCOMPRESSED">UNCOMPRESSED</option>
            <option value="GZIP">GZIP</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('firehose.role')}</span>
          <input
            className="text-input mono"
            readOnly
            value={account ? `arn:aws:iam::${account}:role/LabRole` : '…'}
          />
        </label>
      </div>
    </FormDialog>
  );
}
