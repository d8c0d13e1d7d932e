import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AccountResetReport,
  InstructorResetProgress,
  ResetInventory,
  ResetOutcomeStatus,
  ResetResource,
  ResetScopeId,
  ResetService,
} from '../../api/contract';
import { useAction, useEvent, useRequest } from '../../api/hooks';
import { RefreshIcon, TrashIcon } from '../../components/icons';
import { StatusPill, type Tone } from '../../components/status-pill';
import { BusyButton } from '../console/ui/busy-button';
import { Card } from '../console/ui/card';
import { ConfirmDialog } from '../console/ui/confirm-dialog';
import { ErrorNotice } from '../console/ui/error-notice';
import { formatBytes, formatDateTime, formatNumber, shortId } from '../console/ui/format';
import { TypedConfirmation } from './typed-confirmation';

const SCOPES: readonly ResetScopeId[] = ['lab', 'all-tp'];

export const STATUS_TONES: Readonly<Record<ResetOutcomeStatus, Tone>> = {
  deleted: 'success',
  updated: 'success',
  'already-gone': 'neutral',
  pending: 'warning',
  failed: 'danger',
  'would-delete': 'info',
  'would-update': 'info',
};

function useResourceText() {
  const { t, i18n } = useTranslation('instructor');
  return {
    name: (resource: ResetResource) =>
      resource.kind === 'certificate' ? shortId(resource.name, 12) : resource.name,
    details(resource: ResetResource): string {
      const facts: string[] = [];
      if (resource.kind === 's3-bucket') {
        facts.push(
          t('details.objects', {
            count: resource.objects ?? 0,
            size: formatBytes(i18n.language, resource.bytes ?? 0),
          }),
        );
      } else if (resource.kind === 'dynamodb-table' && resource.objects !== undefined) {
        facts.push(t('details.items', { count: resource.objects }));
      }
      if (resource.kind === 'thing' && resource.parent)
        facts.push(t('details.type', { type: resource.parent }));
      if (resource.kind === 'athena-named-query' && resource.parent) {
        facts.push(t('details.workGroup', { workGroup: resource.parent }));
      }
      if (resource.state) facts.push(resource.state);
      return facts.join(' · ');
    },
  };
}

/** Resources per service, in the order the reset meets them. */
function countByService(resources: readonly ResetResource[]): Array<[ResetService, number]> {
  const counts = new Map<ResetService, number>();
  for (const resource of resources) counts.set(resource.service, (counts.get(resource.service) ?? 0) + 1);
  return [...counts];
}

/** Resources, one row each: service, kind, name (the row's header), then what is said about it. */
function ResourceTable({
  label,
  rows,
}: {
  label: string;
  rows: Array<{ resource: ResetResource; details: ReactNode }>;
}) {
  const { t } = useTranslation('instructor');
  const text = useResourceText();
  return (
    <div className="resource-table-scroll">
      <table className="resource-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t('account.columns.service')}</th>
            <th scope="col">{t('account.columns.kind')}</th>
            <th scope="col">{t('account.columns.name')}</th>
            <th scope="col">{t('account.columns.details')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ resource, details }) => (
            <tr key={`${resource.kind}:${resource.id ?? resource.name}`}>
              <td>{t(`service.${resource.service}`)}</td>
              <td>{t(`kind.${resource.kind}`)}</td>
              <th scope="row" className="cell-mono" title={resource.name}>
                {text.name(resource)}
              </th>
              <td>{details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InventoryView({ inventory }: { inventory: ResetInventory }) {
  const { t, i18n } = useTranslation('instructor');
  const text = useResourceText();
  if (inventory.resources.length === 0 && inventory.kept.length === 0) {
    return <div className="empty-state">{t('account.empty')}</div>;
  }
  return (
    <>
      <dl className="stat-grid" aria-label={t('account.total', { count: inventory.resources.length })}>
        {countByService(inventory.resources).map(([service, count]) => (
          <div className="stat-tile" key={service}>
            <dt>{t(`service.${service}`)}</dt>
            <dd>{formatNumber(i18n.language, count)}</dd>
          </div>
        ))}
      </dl>
      <ResourceTable
        label={t('account.tableLabel')}
        rows={inventory.resources.map((resource) => ({
          resource,
          details: <span className="cell-muted">{text.details(resource)}</span>,
        }))}
      />
      {inventory.kept.length > 0 && (
        <div className="notice notice-warning">
          <strong>{t('account.kept')}</strong>
          <ul className="instructor-list">
            {inventory.kept.map((kept) => (
              <li key={`${kept.resource.kind}:${kept.resource.name}`}>
                {t(`kind.${kept.resource.kind}`)} <code>{text.name(kept.resource)}</code>: {kept.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function ReportView({ report }: { report: AccountResetReport }) {
  const { t, i18n } = useTranslation('instructor');
  const counts = new Map<ResetOutcomeStatus, number>();
  for (const outcome of report.outcomes) counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
  return (
    <section
      className="instructor-report"
      aria-label={report.dryRun ? t('account.dryRunTitle') : t('account.reportTitle')}
    >
      <h3>{report.dryRun ? t('account.dryRunTitle') : t('account.reportTitle')}</h3>
      <p className="chips">
        {[...counts].map(([status, count]) => (
          <StatusPill key={status} tone={STATUS_TONES[status]}>
            {t(`account.status.${status}`)}: {count}
          </StatusPill>
        ))}
      </p>
      <ResourceTable
        label={t('account.reportLabel')}
        rows={report.outcomes.map((outcome) => ({
          resource: outcome.resource,
          details: (
            <>
              <StatusPill tone={STATUS_TONES[outcome.status]}>
                {t(`account.status.${outcome.status}`)}
              </StatusPill>{' '}
              <span className="cell-muted">
                {outcome.retryAfter
                  ? t('account.retryAfter', { time: formatDateTime(i18n.language, outcome.retryAfter) })
                  : [outcome.errorCode, outcome.message].filter(Boolean).join(': ')}
              </span>
            </>
          ),
        }))}
      />
    </section>
  );
}

/** The account the app uses: inventory by scope, a dry run, the reset behind a typed confirmation, its report. */
export function AccountResetCard() {
  const { t } = useTranslation('instructor');
  const scopeName = useId();
  const [scope, setScope] = useState<ResetScopeId>('lab');
  const inventory = useRequest('instructor.inventory', { scope });
  const reset = useAction('instructor.resetAccount');
  const [progress, setProgress] = useState<InstructorResetProgress | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  useEvent('instructor.resetProgress', setProgress);

  const data = inventory.data;
  const accountId = data?.accountId ?? '…';
  const run = async (dryRun: boolean) => {
    if (!data) return;
    setProgress(undefined);
    const answer = await reset.run({ scope, accountId: data.accountId, dryRun });
    if (answer.ok && !dryRun) {
      setConfirming(false);
      inventory.reload();
    }
  };
  const confirmed = typed.trim() === data?.accountId || typed.trim() === 'reset';

  return (
    <Card
      icon={<TrashIcon />}
      title={t('account.title')}
      lead={t('account.lead', {
        where: data?.label === 'AWS account' ? t('account.whereAws') : t('account.whereOffline'),
        account: accountId,
      })}
      actions={
        <>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              reset.reset();
              inventory.reload();
            }}
            disabled={inventory.loading || reset.pending}
          >
            <RefreshIcon />
            {t('account.refresh')}
          </button>
          <BusyButton
            type="button"
            className="button-secondary"
            busy={reset.pending && !confirming}
            disabled={!data || data.resources.length === 0 || reset.pending}
            onClick={() => void run(true)}
          >
            {t('account.dryRun')}
          </BusyButton>
          <button
            type="button"
            className="button button-danger"
            disabled={!data || data.resources.length === 0 || reset.pending}
            onClick={() => {
              setTyped('');
              reset.reset();
              setConfirming(true);
            }}
          >
            {t('account.reset')}
          </button>
        </>
      }
    >
      <div className="card-body instructor-body">
        <fieldset className="instructor-scopes" disabled={reset.pending}>
          <legend className="field-label">{t('account.scopeLegend')}</legend>
          {SCOPES.map((id) => (
            <label key={id} className="instructor-choice">
              <input
                type="radio"
                name={scopeName}
                value={id}
                checked={scope === id}
                onChange={() => {
                  setScope(id);
                  reset.reset();
                }}
              />
              <span>
                <strong>{t(`account.scope.${id}`)}</strong>
                <span className="cell-muted">{t(`account.scope.${id}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <ErrorNotice error={inventory.error} />
        {inventory.loading && !data && (
          <p className="loading-line" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('account.listing')}
          </p>
        )}
        {data && !reset.data && <InventoryView inventory={data} />}
        {progress && reset.pending && (
          <div className="instructor-progress" role="status">
            <progress className="meter" max={progress.total} value={progress.done} />
            <span>{t('account.progress', { done: progress.done, total: progress.total })}</span>
          </div>
        )}
        {!confirming && <ErrorNotice error={reset.error} />}
        {reset.data && <ReportView report={reset.data} />}
      </div>

      {confirming && data && (
        <ConfirmDialog
          title={t('account.confirmTitle', { account: data.accountId })}
          confirmLabel={t('account.confirm', { count: data.resources.length })}
          onConfirm={() => void run(false)}
          onClose={() => setConfirming(false)}
          pending={reset.pending}
          step={progress ? t('account.progress', { done: progress.done, total: progress.total }) : undefined}
          error={reset.error}
          disabled={!confirmed}
        >
          <p>{t('account.confirmBody', { count: data.resources.length })}</p>
          <TypedConfirmation
            label={t('account.confirmField', { account: data.accountId })}
            value={typed}
            onChange={setTyped}
          />
        </ConfirmDialog>
      )}
    </Card>
  );
}
