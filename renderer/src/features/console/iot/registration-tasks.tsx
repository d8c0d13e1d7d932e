import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery } from '../../../api/cloud-sdk';
import type { ApiErrorInfo, IotRegistrationReport } from '../../../api/contract';
import { pageHref } from '../../../app/use-route';
import { WandIcon } from '../../../components/icons';
import { JsonView, prettyJsonText } from '../../../components/json-view';
import { StatusPill, type Tone } from '../../../components/status-pill';
import { BusyButton } from '../ui/busy-button';
import { RefreshButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ListDetail } from '../ui/console-page';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { formatDateTime, formatNumber } from '../ui/format';
import { Pager, usePager } from '../ui/pager';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';
import { usePolling } from '../ui/use-polling';

const SHOWN_REPORT_LINES = 50;

function taskTone(status: string | undefined): Tone {
  switch (status) {
    case 'Completed':
      return 'success';
    case 'InProgress':
      return 'info';
    case 'Failed':
      return 'danger';
    default:
      return 'neutral';
  }
}

function TaskStatus({ taskId }: { taskId: string }) {
  const { i18n } = useTranslation('console');
  const task = useCloudQuery('iot', 'DescribeThingRegistrationTask', { taskId });
  if (!task.data) return <span className="cell-muted">…</span>;
  return (
    <span className="card-title-row">
      <StatusPill tone={taskTone(task.data.status)} pulse={task.data.status === 'InProgress'}>
        {task.data.status}
      </StatusPill>
      <span className="cell-muted">{formatDateTime(i18n.language, task.data.creationDate)}</span>
    </span>
  );
}

export function RegistrationTasksView({ selected }: { selected: string | undefined }) {
  const { t } = useTranslation('console');
  const pager = usePager<string>();
  const tasks = useCloudQuery('iot', 'ListThingRegistrationTasks', {
    maxResults: 25,
    nextToken: pager.token,
  });
  return (
    <ListDetail
      selected={selected}
      placeholder={t('tasks.select')}
      list={
        <Card
          icon={<WandIcon />}
          title={t('tasks.title')}
          lead={t('tasks.lead')}
          actions={<RefreshButton onClick={tasks.reload} />}
        >
          <ErrorNotice error={tasks.error} />
          <ResourceTable
            label={t('tasks.title')}
            rows={tasks.data?.taskIds ?? []}
            rowKey={(id) => id}
            nameHeader={t('tasks.id')}
            name={(id) => <span className="cell-mono">{id}</span>}
            href={(id) => pageHref('iot', 'tasks', id)}
            selectedKey={selected}
            columns={[{ id: 'status', header: t('common.status'), cell: (id) => <TaskStatus taskId={id} /> }]}
            empty={tasks.loading ? t('common.loading') : t('tasks.none')}
          />
          <Pager
            page={pager.page}
            hasPrevious={pager.page > 1}
            nextToken={tasks.data?.nextToken}
            onPrevious={pager.previous}
            onNext={() => tasks.data?.nextToken && pager.next(tasks.data.nextToken)}
          />
        </Card>
      }
      detail={(name) => <TaskDetail key={name} taskId={name} />}
    />
  );
}

function TaskDetail({ taskId }: { taskId: string }) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const task = useCloudQuery('iot', 'DescribeThingRegistrationTask', { taskId });
  const stop = useTask();
  const [report, setReport] = useState<{
    type: 'RESULTS' | 'ERRORS';
    value?: IotRegistrationReport;
    error?: ApiErrorInfo;
  }>();
  const [loadingReport, setLoadingReport] = useState(false);
  const data = task.data;
  const running = data?.status === 'InProgress';
  const { reload } = task;

  // A running task's progress, every second until it ends.
  usePolling(reload, running);

  const showReport = async (type: 'RESULTS' | 'ERRORS') => {
    setLoadingReport(true);
    const result = await bridge.invoke('iot.registrationReport', { taskId, reportType: type });
    setLoadingReport(false);
    setReport(result.ok ? { type, value: result.value } : { type, error: result.error });
  };

  if (task.error) return <ErrorNotice error={task.error} />;
  if (!data) return null;
  const percent = data.percentageProgress ?? 0;
  return (
    <Card
      icon={<WandIcon />}
      title={t('tasks.detailTitle')}
      lead={<code>{taskId}</code>}
      badge={<StatusPill tone={taskTone(data.status)}>{data.status}</StatusPill>}
      actions={
        running && (
          <BusyButton
            type="button"
            busy={stop.pending}
            className="button-danger"
            onClick={() =>
              void stop.run(async () => {
                await sendOrThrow(bridge, 'iot', 'StopThingRegistrationTask', { taskId });
                reload();
              })
            }
          >
            {t('tasks.stop')}
          </BusyButton>
        )
      }
    >
      <ErrorNotice error={stop.error} />
      <div className="gauge">
        <div className="gauge-head">
          <span className="gauge-label">{t('tasks.progress')}</span>
          <span className="gauge-value">{percent} %</span>
        </div>
        <progress className="meter" max={100} value={percent} aria-label={t('tasks.progress')} />
      </div>
      <Details
        items={[
          { label: t('tasks.succeeded'), value: formatNumber(i18n.language, data.successCount ?? 0) },
          { label: t('tasks.failedCount'), value: formatNumber(i18n.language, data.failureCount ?? 0) },
          { label: t('common.created'), value: formatDateTime(i18n.language, data.creationDate) },
          { label: t('common.lastModified'), value: formatDateTime(i18n.language, data.lastModifiedDate) },
          {
            label: t('tasks.inputFile'),
            value: (
              <a href={pageHref('s3', data.inputFileBucket ?? '', '', data.inputFileKey ?? '')}>
                s3://{data.inputFileBucket}/{data.inputFileKey}
              </a>
            ),
          },
          { label: t('tasks.role'), value: <code>{data.roleArn}</code> },
          data.message ? { label: t('tasks.message'), value: data.message } : undefined,
        ]}
      />
      <div className="section">
        <h3 className="section-title">{t('tasks.template')}</h3>
        <JsonView
          label={t('tasks.template')}
          text={prettyJsonText(data.templateBody ?? '') ?? data.templateBody ?? ''}
        />
      </div>
      <div className="section">
        <div className="section-header">
          <h3 className="section-title">{t('tasks.reports')}</h3>
          <span className="button-row">
            <BusyButton
              type="button"
              busy={loadingReport && report?.type === 'RESULTS'}
              className="button-secondary button-small"
              onClick={() => void showReport('RESULTS')}
            >
              {t('tasks.results')}
            </BusyButton>
            <BusyButton
              type="button"
              busy={loadingReport && report?.type === 'ERRORS'}
              className="button-secondary button-small"
              onClick={() => void showReport('ERRORS')}
            >
              {t('tasks.errors')}
            </BusyButton>
          </span>
        </div>
        {report?.error && <ErrorNotice error={report.error} />}
        {report?.value &&
          (report.value.lines.length === 0 ? (
            <p className="muted">{report.type === 'RESULTS' ? t('tasks.noResults') : t('tasks.noErrors')}</p>
          ) : (
            <>
              <p className="field-hint">
                {t('tasks.reportLines', {
                  shown: Math.min(SHOWN_REPORT_LINES, report.value.lines.length),
                  count: report.value.lines.length,
                })}
              </p>
              <JsonView
                label={report.type === 'RESULTS' ? t('tasks.results') : t('tasks.errors')}
                text={report.value.lines
                  .slice(0, SHOWN_REPORT_LINES)
                  .map((line) => prettyJsonText(line) ?? line)
                  .join('\n')}
              />
            </>
          ))}
      </div>
    </Card>
  );
}
