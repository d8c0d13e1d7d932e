import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { CloudError, sendOrThrow } from '../../../api/cloud-sdk';
import { useRequest } from '../../../api/hooks';
import { DownloadIcon, FileIcon } from '../../../components/icons';
import { JsonView, highlightJson, prettyJson } from '../../../components/json-view';
import { BusyButton } from '../ui/busy-button';
import { DeleteButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Details } from '../ui/details';
import { downloadBase64 } from '../ui/download';
import { ErrorNotice } from '../ui/error-notice';
import { formatBytes, formatDateTime, formatNumber } from '../ui/format';
import { LoadingLine } from '../ui/loading-line';
import { useTask } from '../ui/task';
import { splitJsonRecords } from './json-records';

/** Records shown pretty; the rest are counted. */
const SHOWN_RECORDS = 20;

/** One object: what S3 says about it, its start as JSON records (or text), download and delete. */
export function ObjectViewer({
  bucket,
  objectKey,
  onDeleted,
}: {
  bucket: string;
  objectKey: string;
  onDeleted(): void;
}) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const preview = useRequest('s3.previewObject', { bucket, key: objectKey });
  const [view, setView] = useState<'records' | 'text'>('records');
  const [deleting, setDeleting] = useState(false);
  const download = useTask();
  const remove = useTask();
  const data = preview.data;
  const records = useMemo(
    () =>
      data && data.encoding === 'utf8'
        ? splitJsonRecords(data.text, SHOWN_RECORDS, data.truncated)
        : undefined,
    [data],
  );
  const fileName = objectKey.slice(objectKey.lastIndexOf('/') + 1) || 'object';
  const language = i18n.language;
  const looksJson = records !== undefined && records.total > 0 && records.invalid < records.total;

  return (
    <Card
      icon={<FileIcon />}
      title={fileName}
      lead={
        <code className="object-key">
          s3://{bucket}/{objectKey}
        </code>
      }
      actions={
        <>
          <BusyButton
            type="button"
            busy={download.pending}
            className="button-secondary"
            onClick={() =>
              void download.run(async () => {
                const result = await bridge.invoke('s3.downloadObject', { bucket, key: objectKey });
                if (!result.ok) throw new CloudError(result.error);
                downloadBase64(fileName, result.value.base64, result.value.contentType);
              })
            }
          >
            <DownloadIcon />
            {t('common.download')}
          </BusyButton>
          <DeleteButton
            onClick={() => {
              remove.reset();
              setDeleting(true);
            }}
          />
        </>
      }
    >
      <ErrorNotice error={preview.error ?? download.error} />
      {preview.loading && !data && <LoadingLine>{t('common.loading')}</LoadingLine>}
      {data && (
        <>
          <Details
            items={[
              { label: t('s3.size'), value: formatBytes(language, data.size) },
              { label: t('s3.contentType'), value: <code>{data.contentType ?? '—'}</code> },
              { label: t('common.lastModified'), value: formatDateTime(language, data.lastModified) },
              { label: t('s3.etag'), value: <code>{data.etag ?? '—'}</code> },
              data.gzip && { label: t('s3.compression'), value: t('s3.gzip') },
            ]}
          />
          <div className="section">
            <div className="section-header">
              <h3 className="section-title">{t('s3.content')}</h3>
              {data.encoding === 'utf8' && (
                <div className="segmented" role="radiogroup" aria-label={t('s3.viewAs')}>
                  {(['records', 'text'] as const).map((option) => (
                    <button
                      key={option}
                      type="button"
                      role="radio"
                      aria-checked={view === option}
                      className="segmented-option"
                      onClick={() => setView(option)}
                    >
                      {t(`s3.view.${option}`)}
                    </button>
                  ))}
                </div>
              )}
            </div>
            {data.encoding === 'binary' ? (
              <p className="notice">{t('s3.binary')}</p>
            ) : view === 'records' && records && looksJson ? (
              <>
                <p className="field-hint" role="status">
                  {records.records.length === records.total
                    ? t('s3.recordsAll', {
                        count: records.total,
                        number: formatNumber(language, records.total),
                      })
                    : t('s3.recordsSummary', {
                        shown: formatNumber(language, records.records.length),
                        total: formatNumber(language, records.total),
                      })}
                  {records.invalid > 0 && ` ${t('s3.recordsInvalid', { count: records.invalid })}`}
                  {data.truncated &&
                    ` ${t('s3.truncated', { size: formatBytes(language, data.text.length), total: formatBytes(language, data.size) })}`}
                </p>
                <ol className="record-list" aria-label={t('s3.records')}>
                  {records.records.map((record, index) => (
                    <li key={index} className="record">
                      <span className="record-number" aria-hidden="true">
                        {index + 1}
                      </span>
                      {record.ok ? (
                        <pre
                          className="json-view record-json"
                          tabIndex={0}
                          aria-label={t('s3.recordN', { n: index + 1 })}
                        >
                          <code>{highlightJson(prettyJson(record.value))}</code>
                        </pre>
                      ) : (
                        <div className="record-invalid">
                          <p className="field-error">{t('s3.notJson', { error: record.error })}</p>
                          <pre
                            className="json-view record-json"
                            tabIndex={0}
                            aria-label={t('s3.recordN', { n: index + 1 })}
                          >
                            <code>{record.text}</code>
                          </pre>
                        </div>
                      )}
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <>
                {data.truncated && (
                  <p className="field-hint">
                    {t('s3.truncated', {
                      size: formatBytes(language, data.text.length),
                      total: formatBytes(language, data.size),
                    })}
                  </p>
                )}
                {view === 'records' && !looksJson && <p className="field-hint">{t('s3.notRecords')}</p>}
                <JsonView className="tall" label={t('s3.content')} text={data.text} />
              </>
            )}
          </div>
        </>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('s3.deleteObjectTitle', { name: fileName })}
          confirmLabel={t('common.delete')}
          pending={remove.pending}
          error={remove.error}
          onClose={() => setDeleting(false)}
          onConfirm={() =>
            void remove.run(async () => {
              await sendOrThrow(bridge, 's3', 'DeleteObject', { Bucket: bucket, Key: objectKey });
              setDeleting(false);
              onDeleted();
            })
          }
        >
          <p>{t('s3.deleteObjectText', { key: objectKey })}</p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
