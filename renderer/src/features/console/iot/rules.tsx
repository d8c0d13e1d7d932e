import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery } from '../../../api/cloud-sdk';
import type { RuleMetricsInfo } from '../../../api/contract';
import { useEvent, useRequest } from '../../../api/hooks';
import { navigate, pageHref } from '../../../app/use-route';
import { ActivityIcon, PlusIcon } from '../../../components/icons';
import { StatusPill } from '../../../components/status-pill';
import { BusyButton } from '../ui/busy-button';
import { DeleteButton, RefreshButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ListDetail } from '../ui/console-page';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { formatDateTime, formatNumber } from '../ui/format';
import { Pager, usePager } from '../ui/pager';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';
import { describeStoredAction } from './rule-actions';
import { RuleEditorDialog } from './rule-editor';

/** The rules' counters (offline), kept current by the engine's `rules.metrics` events. */
function useRuleMetrics() {
  const metrics = useRequest('rules.metrics');
  useEvent('rules.metrics', (next) => metrics.setData(() => next));
  const byName = new Map((metrics.data?.rules ?? []).map((rule) => [rule.ruleName, rule]));
  return { available: metrics.data?.available ?? false, byName };
}

export function RulesView({ selected }: { selected: string | undefined }) {
  const { t, i18n } = useTranslation('console');
  const pager = usePager<string>();
  const rules = useCloudQuery('iot', 'ListTopicRules', { maxResults: 50, nextToken: pager.token });
  const identity = useCloudQuery('sts', 'GetCallerIdentity', {});
  const metrics = useRuleMetrics();
  const [creating, setCreating] = useState(false);
  const count = (name: string | undefined, pick: (metrics: RuleMetricsInfo) => number) => {
    const rule = name ? metrics.byName.get(name) : undefined;
    return metrics.available ? formatNumber(i18n.language, rule ? pick(rule) : 0) : '—';
  };
  const accountId = identity.data?.Account ?? '';

  return (
    <ListDetail
      layout="even"
      selected={selected}
      placeholder={t('rules.select')}
      list={
        <Card
          icon={<ActivityIcon />}
          title={t('rules.title')}
          lead={metrics.available ? t('rules.lead') : t('rules.leadAws')}
          actions={
            <>
              <RefreshButton onClick={rules.reload} />
              <button
                type="button"
                className="button"
                disabled={!accountId}
                onClick={() => setCreating(true)}
              >
                <PlusIcon />
                {t('rules.create')}
              </button>
            </>
          }
        >
          <ErrorNotice error={rules.error} />
          <ResourceTable
            label={t('rules.title')}
            rows={rules.data?.rules ?? []}
            rowKey={(rule) => rule.ruleName ?? ''}
            nameHeader={t('common.name')}
            name={(rule) => (
              <>
                {rule.ruleName}
                {rule.ruleDisabled && <StatusPill tone="neutral">{t('rules.disabled')}</StatusPill>}
              </>
            )}
            href={(rule) => pageHref('iot', 'rules', rule.ruleName ?? '')}
            selectedKey={selected}
            columns={[
              {
                id: 'topic',
                header: t('rules.topicFilter'),
                cell: (rule) => <code>{rule.topicPattern ?? '—'}</code>,
              },
              {
                id: 'matched',
                header: t('rules.matched'),
                cell: (rule) => count(rule.ruleName, (m) => m.matched),
                className: 'numeric',
              },
              {
                id: 'failed',
                header: t('rules.failed'),
                cell: (rule) => count(rule.ruleName, (m) => m.failed),
                className: 'numeric',
              },
            ]}
            empty={rules.loading ? t('common.loading') : t('rules.none')}
          />
          <Pager
            page={pager.page}
            hasPrevious={pager.page > 1}
            nextToken={rules.data?.nextToken}
            onPrevious={pager.previous}
            onNext={() => rules.data?.nextToken && pager.next(rules.data.nextToken)}
          />
        </Card>
      }
      detail={(name) => (
        <RuleDetail
          key={name}
          ruleName={name}
          accountId={accountId}
          metrics={metrics.available ? (metrics.byName.get(name) ?? null) : undefined}
          onChanged={rules.reload}
          onDeleted={() => {
            rules.reload();
            navigate('iot', 'rules');
          }}
        />
      )}
    >
      {creating && (
        <RuleEditorDialog
          accountId={accountId}
          onClose={() => setCreating(false)}
          onSaved={(name) => {
            setCreating(false);
            rules.reload();
            navigate('iot', 'rules', name);
          }}
        />
      )}
    </ListDetail>
  );
}

function RuleDetail({
  ruleName,
  accountId,
  metrics,
  onChanged,
  onDeleted,
}: {
  ruleName: string;
  accountId: string;
  /** undefined: not available (AWS mode); null: no message yet. */
  metrics: RuleMetricsInfo | null | undefined;
  onChanged(): void;
  onDeleted(): void;
}) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const rule = useCloudQuery('iot', 'GetTopicRule', { ruleName });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const task = useTask();
  const data = rule.data?.rule;
  const disabled = data?.ruleDisabled === true;
  const number = (value: number | undefined) => formatNumber(i18n.language, value ?? 0);

  if (rule.error) return <ErrorNotice error={rule.error} />;
  return (
    <Card
      icon={<ActivityIcon />}
      title={ruleName}
      lead={data?.description}
      badge={
        data &&
        (disabled ? (
          <StatusPill tone="neutral">{t('rules.disabled')}</StatusPill>
        ) : (
          <StatusPill tone="success">{t('rules.enabled')}</StatusPill>
        ))
      }
      actions={
        <>
          <button
            type="button"
            className="button button-secondary"
            disabled={!data}
            onClick={() => setEditing(true)}
          >
            {t('common.edit')}
          </button>
          <BusyButton
            type="button"
            busy={task.pending && !deleting}
            className="button-secondary"
            disabled={!data}
            onClick={() =>
              void task.run(async () => {
                if (disabled) await sendOrThrow(bridge, 'iot', 'EnableTopicRule', { ruleName });
                else await sendOrThrow(bridge, 'iot', 'DisableTopicRule', { ruleName });
                rule.reload();
                onChanged();
              })
            }
          >
            {disabled ? t('common.enable') : t('common.disable')}
          </BusyButton>
          <DeleteButton
            onClick={() => {
              task.reset();
              setDeleting(true);
            }}
          />
        </>
      }
    >
      {!deleting && <ErrorNotice error={task.error} />}
      {data && (
        <>
          <pre className="json-view sql-view" tabIndex={0} aria-label={t('rules.sql')}>
            <code>{data.sql}</code>
          </pre>
          <Details
            items={[
              { label: t('common.arn'), value: <code>{rule.data?.ruleArn}</code>, copy: rule.data?.ruleArn },
              { label: t('rules.sqlVersion'), value: data.awsIotSqlVersion ?? '2015-10-08' },
              { label: t('common.created'), value: formatDateTime(i18n.language, data.createdAt) },
            ]}
          />
        </>
      )}

      <div className="section">
        <h3 className="section-title">{t('rules.metrics')}</h3>
        {metrics === undefined ? (
          <p className="notice">{t('rules.metricsAws')}</p>
        ) : (
          <>
            <dl className="stat-grid">
              <div className="stat-tile">
                <dt>{t('rules.matched')}</dt>
                <dd>{number(metrics?.matched)}</dd>
              </div>
              <div className="stat-tile">
                <dt>{t('rules.succeeded')}</dt>
                <dd>{number(metrics?.succeeded)}</dd>
              </div>
              <div className="stat-tile">
                <dt>{t('rules.failed')}</dt>
                <dd className={metrics?.failed ? 'stat-bad' : undefined}>{number(metrics?.failed)}</dd>
              </div>
              <div className="stat-tile">
                <dt>{t('rules.lastMatched')}</dt>
                <dd className="stat-small">
                  {metrics?.lastMatchedAt ? formatDateTime(i18n.language, metrics.lastMatchedAt) : '—'}
                </dd>
              </div>
            </dl>
            {metrics?.lastError && (
              <p className="notice notice-danger">
                {t('rules.lastError', {
                  action: metrics.lastError.action,
                  resource: metrics.lastError.resource,
                  at: formatDateTime(i18n.language, metrics.lastError.at),
                })}{' '}
                {metrics.lastError.message}
              </p>
            )}
          </>
        )}
      </div>

      {data && (
        <div className="section">
          <h3 className="section-title">{t('rules.actions')}</h3>
          <div className="resource-table-scroll">
            <table className="resource-table" aria-label={t('rules.actions')}>
              <thead>
                <tr>
                  <th scope="col">{t('rules.action')}</th>
                  <th scope="col">{t('rules.resource')}</th>
                  <th scope="col" className="numeric">
                    {t('rules.succeeded')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('rules.failed')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[
                  ...(data.actions ?? []).map((action, index) => ({
                    action,
                    counters: metrics?.actions[index],
                    error: false,
                  })),
                  ...(data.errorAction
                    ? [{ action: data.errorAction, counters: metrics?.errorAction, error: true }]
                    : []),
                ].map(({ action, counters, error }, index) => {
                  const { kind, resource } = describeStoredAction(action);
                  return (
                    <tr key={index}>
                      <th scope="row">
                        <span className="card-title-row">
                          <code>{kind}</code>
                          {error && <StatusPill tone="warning">{t('rules.errorAction')}</StatusPill>}
                        </span>
                      </th>
                      <td>
                        <code>{resource}</code>
                      </td>
                      <td className="numeric">{metrics === undefined ? '—' : number(counters?.succeeded)}</td>
                      <td className="numeric">{metrics === undefined ? '—' : number(counters?.failed)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}

      {editing && data && (
        <RuleEditorDialog
          rule={data}
          accountId={accountId}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            rule.reload();
            onChanged();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('rules.deleteTitle', { name: ruleName })}
          confirmLabel={t('common.delete')}
          pending={task.pending}
          error={task.error}
          onClose={() => setDeleting(false)}
          onConfirm={() =>
            void task.run(async () => {
              await sendOrThrow(bridge, 'iot', 'DeleteTopicRule', { ruleName });
              setDeleting(false);
              onDeleted();
            })
          }
        >
          <p>{t('rules.deleteText')}</p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
