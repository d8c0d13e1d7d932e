import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { useCloudStatus } from '../../../api/cloud';
import { CloudError, sendOrThrow, useCloudQuery } from '../../../api/cloud-sdk';
import type { LabBridge } from '../../../api/contract';
import { navigate, pageHref, useSubPath } from '../../../app/use-route';
import { BucketIcon, FileIcon, FolderIcon, UploadIcon } from '../../../components/icons';
import { CreateButton, DeleteButton, RefreshButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ConsolePage } from '../ui/console-page';
import { bytesToBase64 } from '../ui/download';
import { ErrorNotice } from '../ui/error-notice';
import { FormDialog } from '../ui/form-dialog';
import { formatBytes, formatDateTime, formatNumber } from '../ui/format';
import { LoadingLine } from '../ui/loading-line';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';
import { TextField } from '../ui/text-field';
import { ObjectViewer } from './object-viewer';

/** AWS: 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const UPLOAD_CHUNK = 512 * 1024;
const PAGE_SIZE = 200;

/** Amazon S3 as its console shows it: `#/s3/<bucket>/<prefix>/<key>`. */
export function S3Page() {
  const { t } = useTranslation('console');
  const [bucket = '', prefix = '', key = ''] = useSubPath();
  const buckets = useCloudQuery('s3', 'ListBuckets', {});
  const [creating, setCreating] = useState(false);

  return (
    <ConsolePage title={t('s3.title')} lead={t('s3.lead')}>
      <div className="split split-narrow">
        <Card
          icon={<BucketIcon />}
          title={t('s3.buckets')}
          actions={
            <>
              <RefreshButton onClick={buckets.reload} />
              <CreateButton compact label={t('s3.createBucket')} onClick={() => setCreating(true)} />
            </>
          }
        >
          <ErrorNotice error={buckets.error} />
          <ResourceTable
            label={t('s3.buckets')}
            wrapNames
            rows={buckets.data?.Buckets ?? []}
            rowKey={(b) => b.Name ?? ''}
            nameHeader={t('common.name')}
            name={(b) => (
              <>
                <BucketIcon />
                {b.Name}
              </>
            )}
            href={(b) => pageHref('s3', b.Name ?? '')}
            selectedKey={bucket}
            columns={[]}
            empty={buckets.loading ? t('common.loading') : t('s3.noBuckets')}
          />
        </Card>
        <div className="stack">
          {bucket ? (
            <BucketBrowser
              key={`${bucket}/${prefix}`}
              bucket={bucket}
              prefix={prefix}
              selectedKey={key}
              onBucketDeleted={() => {
                buckets.reload();
                navigate('s3');
              }}
            />
          ) : (
            <div className="empty-state">
              <BucketIcon />
              {t('s3.select')}
            </div>
          )}
          {bucket && key && (
            <ObjectViewer
              key={`${bucket}/${key}`}
              bucket={bucket}
              objectKey={key}
              onDeleted={() => navigate('s3', bucket, prefix)}
            />
          )}
        </div>
      </div>
      {creating && (
        <CreateBucketDialog
          onClose={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            buckets.reload();
            navigate('s3', name);
          }}
        />
      )}
    </ConsolePage>
  );
}

type Entry =
  { kind: 'folder'; prefix: string } | { kind: 'object'; key: string; size: number; lastModified?: string };

function BucketBrowser({
  bucket,
  prefix,
  selectedKey,
  onBucketDeleted,
}: {
  bucket: string;
  prefix: string;
  selectedKey: string;
  onBucketDeleted(): void;
}) {
  const { t, i18n } = useTranslation('console');
  const [token, setToken] = useState<string | undefined>(undefined);
  const [earlier, setEarlier] = useState<Entry[]>([]);
  const listing = useCloudQuery('s3', 'ListObjectsV2', {
    Bucket: bucket,
    Prefix: prefix || undefined,
    Delimiter: '/',
    MaxKeys: PAGE_SIZE,
    ContinuationToken: token,
  });
  const [deleting, setDeleting] = useState(false);
  const [uploading, setUploading] = useState(false);

  const page: Entry[] = [
    ...(listing.data?.CommonPrefixes ?? []).map((p): Entry => ({ kind: 'folder', prefix: p.Prefix ?? '' })),
    ...(listing.data?.Contents ?? [])
      .filter((object) => object.Key !== prefix)
      .map((object): Entry => ({
        kind: 'object',
        key: object.Key ?? '',
        size: object.Size ?? 0,
        lastModified: object.LastModified,
      })),
  ];
  const entries = [...earlier, ...page];
  const segments = prefix.split('/').filter(Boolean);
  const reload = () => {
    setEarlier([]);
    setToken(undefined);
    listing.reload();
  };

  return (
    <Card
      icon={<FolderIcon />}
      title={bucket}
      lead={
        <nav aria-label={t('s3.path')} className="breadcrumb">
          <a href={pageHref('s3', bucket)}>{bucket}</a>
          {segments.map((segment, index) => (
            <span key={index}>
              <span aria-hidden="true"> / </span>
              <a
                href={pageHref('s3', bucket, `${segments.slice(0, index + 1).join('/')}/`)}
                aria-current={index === segments.length - 1 ? 'page' : undefined}
              >
                {segment}
              </a>
            </span>
          ))}
        </nav>
      }
      actions={
        <>
          <RefreshButton onClick={reload} />
          <button type="button" className="button button-secondary" onClick={() => setUploading(true)}>
            <UploadIcon />
            {t('s3.upload')}
          </button>
          <DeleteButton label={t('s3.deleteBucket')} onClick={() => setDeleting(true)} />
        </>
      }
    >
      <ErrorNotice error={listing.error} />
      {listing.loading && entries.length === 0 ? (
        <LoadingLine>{t('common.loading')}</LoadingLine>
      ) : (
        <ResourceTable
          label={t('s3.objects')}
          wrapNames
          rows={entries}
          rowKey={(entry) => (entry.kind === 'folder' ? `folder:${entry.prefix}` : entry.key)}
          nameHeader={t('common.name')}
          name={(entry) =>
            entry.kind === 'folder' ? (
              <>
                <FolderIcon />
                {entry.prefix.slice(prefix.length)}
              </>
            ) : (
              <>
                <FileIcon />
                {entry.key.slice(prefix.length)}
              </>
            )
          }
          href={(entry) =>
            entry.kind === 'folder'
              ? pageHref('s3', bucket, entry.prefix)
              : pageHref('s3', bucket, prefix, entry.key)
          }
          selectedKey={selectedKey}
          columns={[
            {
              id: 'size',
              header: t('s3.size'),
              cell: (entry) =>
                entry.kind === 'object' ? formatBytes(i18n.language, entry.size) : t('s3.folder'),
              className: 'numeric cell-muted',
            },
            {
              id: 'modified',
              header: t('common.lastModified'),
              cell: (entry) =>
                entry.kind === 'object' ? formatDateTime(i18n.language, entry.lastModified) : '',
              className: 'nowrap cell-muted',
            },
          ]}
          empty={prefix ? t('s3.emptyPrefix') : t('s3.emptyBucket')}
        />
      )}
      {listing.data?.IsTruncated && listing.data.NextContinuationToken && (
        <div className="pager">
          <span>{t('s3.shown', { count: entries.length })}</span>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setEarlier(entries);
              setToken(listing.data?.NextContinuationToken);
            }}
          >
            {t('s3.more')}
          </button>
        </div>
      )}
      {uploading && (
        <UploadDialog
          bucket={bucket}
          prefix={prefix}
          onClose={() => setUploading(false)}
          onUploaded={(key) => {
            setUploading(false);
            reload();
            navigate('s3', bucket, prefix, key);
          }}
        />
      )}
      {deleting && (
        <DeleteBucketDialog bucket={bucket} onClose={() => setDeleting(false)} onDeleted={onBucketDeleted} />
      )}
    </Card>
  );
}

/** Every key of the bucket, for emptying it (ListObjectsV2 pages of 1,000). */
async function allKeys(bridge: LabBridge, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await sendOrThrow(bridge, 's3', 'ListObjectsV2', {
      Bucket: bucket,
      ContinuationToken: token,
    });
    keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

function DeleteBucketDialog({
  bucket,
  onClose,
  onDeleted,
}: {
  bucket: string;
  onClose(): void;
  onDeleted(): void;
}) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const task = useTask();
  const [empty, setEmpty] = useState(false);
  const [typed, setTyped] = useState('');
  return (
    <ConfirmDialog
      title={t('s3.deleteBucketTitle', { name: bucket })}
      confirmLabel={t('s3.deleteBucket')}
      pending={task.pending}
      step={task.step}
      error={task.error}
      disabled={empty && typed !== bucket}
      onClose={onClose}
      onConfirm={() =>
        void task.run(async (report) => {
          if (empty) {
            report(t('s3.listing'));
            const keys = await allKeys(bridge, bucket);
            // DeleteObjects takes at most 1,000 keys.
            for (let start = 0; start < keys.length; start += 1000) {
              report(
                t('s3.deletingObjects', {
                  done: formatNumber(i18n.language, start),
                  total: formatNumber(i18n.language, keys.length),
                }),
              );
              await sendOrThrow(bridge, 's3', 'DeleteObjects', {
                Bucket: bucket,
                Delete: { Objects: keys.slice(start, start + 1000).map((Key) => ({ Key })), Quiet: true },
              });
            }
          }
          report(t('s3.deletingBucket'));
          await sendOrThrow(bridge, 's3', 'DeleteBucket', { Bucket: bucket });
          onClose();
          onDeleted();
        })
      }
    >
      <p>{t('s3.deleteBucketText')}</p>
      <label className="checkbox">
        <input type="checkbox" checked={empty} onChange={(event) => setEmpty(event.target.checked)} />
        {t('s3.emptyFirst')}
      </label>
      {empty && (
        <label className="field">
          <span className="field-label">{t('s3.typeName', { name: bucket })}</span>
          <input
            className="text-input mono"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </label>
      )}
    </ConfirmDialog>
  );
}

function CreateBucketDialog({ onClose, onCreated }: { onClose(): void; onCreated(name: string): void }) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const status = useCloudStatus();
  const identity = useCloudQuery('sts', 'GetCallerIdentity', {});
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const task = useTask();
  const invalid = !BUCKET_NAME.test(name) || name.includes('..');
  const account = identity.data?.Account;
  const region = status.data?.endpoints?.region;
  const suggestions = account
    ? [
        `iot-tutorial-datalake-${account}`,
        `iot-tutorial-athena-query-${account}`,
        `iot-tutorial-things-template-${account}`,
      ]
    : [];

  const submit = () => {
    setTouched(true);
    if (invalid) return;
    void task.run(async () => {
      await sendOrThrow(bridge, 's3', 'CreateBucket', {
        Bucket: name,
        // us-east-1 is the one Region that takes no LocationConstraint.
        CreateBucketConfiguration:
          region && region !== 'us-east-1' ? { LocationConstraint: region as 'eu-west-1' } : undefined,
      });
      onCreated(name);
    });
  };

  return (
    <FormDialog
      title={t('s3.createBucket')}
      description={t('s3.createBucketLead')}
      submitLabel={t('s3.createBucket')}
      task={task}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextField
        label={t('s3.bucketName')}
        value={name}
        onChange={setName}
        invalid={touched && invalid}
        rule={t('s3.bucketRule')}
        autoComplete="off"
      />
      {suggestions.length > 0 && (
        <div className="field">
          <span className="field-label">{t('s3.labBuckets')}</span>
          <div className="chips">
            {suggestions.map((suggestion) => (
              <button
                key={suggestion}
                type="button"
                className="chip chip-action"
                onClick={() => setName(suggestion)}
              >
                {suggestion}
              </button>
            ))}
          </div>
        </div>
      )}
    </FormDialog>
  );
}

function UploadDialog({
  bucket,
  prefix,
  onClose,
  onUploaded,
}: {
  bucket: string;
  prefix: string;
  onClose(): void;
  onUploaded(key: string): void;
}) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | undefined>(undefined);
  const [key, setKey] = useState('');
  const [sent, setSent] = useState(0);
  const task = useTask();

  const upload = () => {
    if (!file || !key) return;
    void task.run(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let uploadId: string | undefined;
      let offset = 0;
      do {
        const chunk = bytes.subarray(offset, offset + UPLOAD_CHUNK);
        const final = offset + UPLOAD_CHUNK >= bytes.length;
        const result = await bridge.invoke('s3.uploadChunk', {
          bucket,
          key,
          uploadId,
          contentType: file.type || undefined,
          chunk: bytesToBase64(chunk),
          final,
        });
        if (!result.ok) throw new CloudError(result.error);
        uploadId = result.value.uploadId;
        offset += chunk.length;
        setSent(offset);
      } while (offset < bytes.length);
      onUploaded(key);
    });
  };

  return (
    <FormDialog
      title={t('s3.uploadTitle', { bucket })}
      description={t('s3.uploadLead')}
      submitLabel={t('s3.upload')}
      task={task}
      disabled={!file || !key}
      onClose={onClose}
      onSubmit={upload}
    >
      <label className="field">
        <span className="field-label">{t('s3.file')}</span>
        <input
          ref={fileInput}
          type="file"
          className="text-input file-input"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            setFile(chosen);
            if (chosen) setKey(`${prefix}${chosen.name}`);
          }}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('s3.key')}</span>
        <input
          className="text-input mono"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          spellCheck={false}
        />
      </label>
      {file && (
        <div className="gauge">
          <div className="gauge-head">
            <span className="gauge-label">{t('s3.uploaded')}</span>
            <span className="gauge-value">
              {formatBytes(i18n.language, sent)} / {formatBytes(i18n.language, file.size)}
            </span>
          </div>
          <progress
            className="meter"
            max={Math.max(1, file.size)}
            value={sent}
            aria-label={t('s3.uploaded')}
          />
        </div>
      )}
    </FormDialog>
  );
}
