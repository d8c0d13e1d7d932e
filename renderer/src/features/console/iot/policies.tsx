import { useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { useCloudStatus } from '../../../api/cloud';
import { sendOrThrow, useCloudQuery } from '../../../api/cloud-sdk';
import { navigate, pageHref } from '../../../app/use-route';
import { CodeEditor } from '../../../components/code-editor';
import { Dialog } from '../../../components/dialog';
import { CloseIcon, PlusIcon, ShieldIcon, TrashIcon } from '../../../components/icons';
import { JsonView, prettyJsonText } from '../../../components/json-view';
import { StatusPill } from '../../../components/status-pill';
import { BusyButton } from '../ui/busy-button';
import { DeleteButton, RefreshButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ListDetail } from '../ui/console-page';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { FormDialog } from '../ui/form-dialog';
import { arnName, formatDateTime, shortId } from '../ui/format';
import { Pager, usePager } from '../ui/pager';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';
import { checkPolicyDocument, policyTemplate, type PolicyProblem } from './policy-document';

const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

export function PoliciesView({ selected }: { selected: string | undefined }) {
  const { t } = useTranslation('console');
  const pager = usePager<string>();
  const policies = useCloudQuery('iot', 'ListPolicies', { pageSize: 50, marker: pager.token });
  const [creating, setCreating] = useState(false);
  const identity = useCloudQuery('sts', 'GetCallerIdentity', {});
  const status = useCloudStatus();
  const accountId = identity.data?.Account;
  return (
    <ListDetail
      selected={selected}
      placeholder={t('policies.select')}
      list={
        <Card
          icon={<ShieldIcon />}
          title={t('policies.title')}
          lead={t('policies.lead')}
          actions={
            <>
              <RefreshButton onClick={policies.reload} />
              <button
                type="button"
                className="button"
                disabled={!accountId}
                onClick={() => setCreating(true)}
              >
                <PlusIcon />
                {t('policies.create')}
              </button>
            </>
          }
        >
          <ErrorNotice error={policies.error} />
          <ResourceTable
            label={t('policies.title')}
            rows={policies.data?.policies ?? []}
            rowKey={(policy) => policy.policyName ?? ''}
            nameHeader={t('common.name')}
            name={(policy) => policy.policyName}
            href={(policy) => pageHref('iot', 'policies', policy.policyName ?? '')}
            selectedKey={selected}
            columns={[]}
            empty={policies.loading ? t('common.loading') : t('policies.none')}
          />
          <Pager
            page={pager.page}
            hasPrevious={pager.page > 1}
            nextToken={policies.data?.nextMarker}
            onPrevious={pager.previous}
            onNext={() => policies.data?.nextMarker && pager.next(policies.data.nextMarker)}
          />
        </Card>
      }
      detail={(name) => (
        <PolicyDetail
          key={name}
          policyName={name}
          onDeleted={() => {
            policies.reload();
            navigate('iot', 'policies');
          }}
        />
      )}
    >
      {creating && accountId && (
        <PolicyEditorDialog
          initial={policyTemplate(status.data?.endpoints?.region ?? 'us-east-1', accountId)}
          onClose={() => setCreating(false)}
          onSaved={(name) => {
            setCreating(false);
            policies.reload();
            navigate('iot', 'policies', name);
          }}
        />
      )}
    </ListDetail>
  );
}

function PolicyDetail({ policyName, onDeleted }: { policyName: string; onDeleted(): void }) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const policy = useCloudQuery('iot', 'GetPolicy', { policyName });
  const versions = useCloudQuery('iot', 'ListPolicyVersions', { policyName });
  const targets = useCloudQuery('iot', 'ListTargetsForPolicy', { policyName });
  const certificates = useCloudQuery('iot', 'ListCertificates', { pageSize: 250 });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [viewing, setViewing] = useState<string | undefined>(undefined);
  const [attachArn, setAttachArn] = useState('');
  const task = useTask();
  const attached = targets.data?.targets ?? [];
  const nonDefault = (versions.data?.policyVersions ?? []).filter((version) => !version.isDefaultVersion);
  const reloadAll = () => {
    policy.reload();
    versions.reload();
    targets.reload();
  };

  if (policy.error) return <ErrorNotice error={policy.error} />;
  const data = policy.data;
  return (
    <Card
      icon={<ShieldIcon />}
      title={policyName}
      actions={
        <>
          <button
            type="button"
            className="button button-secondary"
            disabled={!data}
            onClick={() => setEditing(true)}
          >
            {t('policies.edit')}
          </button>
          <DeleteButton
            onClick={() => {
              task.reset();
              setDeleting(true);
            }}
          />
        </>
      }
    >
      {data && (
        <>
          <Details
            items={[
              { label: t('common.arn'), value: <code>{data.policyArn}</code>, copy: data.policyArn },
              { label: t('policies.defaultVersion'), value: data.defaultVersionId },
              {
                label: t('common.lastModified'),
                value: formatDateTime(i18n.language, data.lastModifiedDate),
              },
            ]}
          />
          <div className="section">
            <h3 className="section-title">{t('policies.document')}</h3>
            <JsonView
              label={t('policies.document')}
              text={prettyJsonText(data.policyDocument ?? '') ?? data.policyDocument ?? ''}
            />
          </div>
        </>
      )}

      <div className="section">
        <h3 className="section-title">{t('policies.versions')}</h3>
        <div className="resource-table-scroll">
          <table className="resource-table" aria-label={t('policies.versions')}>
            <thead>
              <tr>
                <th scope="col">{t('policies.version')}</th>
                <th scope="col">{t('common.created')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(versions.data?.policyVersions ?? []).map((version) => (
                <tr key={version.versionId}>
                  <th scope="row">
                    <span className="card-title-row">
                      v{version.versionId}
                      {version.isDefaultVersion && (
                        <StatusPill tone="info">{t('policies.default')}</StatusPill>
                      )}
                    </span>
                  </th>
                  <td className="nowrap cell-muted">{formatDateTime(i18n.language, version.createDate)}</td>
                  <td>
                    <span className="button-row button-row-end">
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        onClick={() => setViewing(version.versionId)}
                      >
                        {t('policies.view')}
                      </button>
                      {!version.isDefaultVersion && (
                        <>
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            disabled={task.pending}
                            onClick={() =>
                              void task.run(async () => {
                                await sendOrThrow(bridge, 'iot', 'SetDefaultPolicyVersion', {
                                  policyName,
                                  policyVersionId: version.versionId,
                                });
                                reloadAll();
                              })
                            }
                          >
                            {t('policies.setDefault')}
                          </button>
                          <button
                            type="button"
                            className="button button-ghost button-small"
                            aria-label={t('policies.deleteVersion', { version: version.versionId })}
                            disabled={task.pending}
                            onClick={() =>
                              void task.run(async () => {
                                await sendOrThrow(bridge, 'iot', 'DeletePolicyVersion', {
                                  policyName,
                                  policyVersionId: version.versionId,
                                });
                                reloadAll();
                              })
                            }
                          >
                            <TrashIcon />
                          </button>
                        </>
                      )}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {viewing && (
          <VersionDocument
            policyName={policyName}
            versionId={viewing}
            onClose={() => setViewing(undefined)}
          />
        )}
      </div>

      <div className="section">
        <h3 className="section-title">{t('policies.targets')}</h3>
        {attached.length === 0 ? (
          <p className="muted">{t('policies.noTargets')}</p>
        ) : (
          <ul className="attached-list" aria-label={t('policies.targets')}>
            {attached.map((target) => (
              <li key={target}>
                <a className="cell-mono" href={pageHref('iot', 'certificates', arnName(target))}>
                  {shortId(arnName(target), 16)}
                </a>
                <button
                  type="button"
                  className="button button-ghost button-small"
                  aria-label={t('policies.detachTarget', { id: shortId(arnName(target)) })}
                  disabled={task.pending}
                  onClick={() =>
                    void task.run(async () => {
                      await sendOrThrow(bridge, 'iot', 'DetachPolicy', { policyName, target });
                      targets.reload();
                    })
                  }
                >
                  <CloseIcon />
                  {t('common.detach')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="attach-row">
          <select
            className="text-input"
            aria-label={t('policies.attachCertificate')}
            value={attachArn}
            onChange={(event) => setAttachArn(event.target.value)}
          >
            <option value="">{t('things.chooseCertificate')}</option>
            {(certificates.data?.certificates ?? [])
              .filter((c) => c.certificateArn && !attached.includes(c.certificateArn))
              .map((c) => (
                <option key={c.certificateArn} value={c.certificateArn}>
                  {shortId(c.certificateId ?? '', 16)} · {c.status}
                </option>
              ))}
          </select>
          <BusyButton
            type="button"
            busy={task.pending && !deleting}
            className="button-secondary"
            disabled={!attachArn}
            onClick={() =>
              void task.run(async () => {
                await sendOrThrow(bridge, 'iot', 'AttachPolicy', { policyName, target: attachArn });
                setAttachArn('');
                targets.reload();
              })
            }
          >
            {t('common.attach')}
          </BusyButton>
        </div>
        {!deleting && <ErrorNotice error={task.error} />}
      </div>

      {editing && data && (
        <PolicyEditorDialog
          policyName={policyName}
          initial={prettyJsonText(data.policyDocument ?? '') ?? data.policyDocument ?? ''}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reloadAll();
          }}
        />
      )}
      {deleting && (
        <DeletePolicyDialog
          policyName={policyName}
          targets={attached}
          versions={nonDefault.flatMap((version) => (version.versionId ? [version.versionId] : []))}
          onClose={() => setDeleting(false)}
          onDeleted={onDeleted}
        />
      )}
    </Card>
  );
}

function VersionDocument({
  policyName,
  versionId,
  onClose,
}: {
  policyName: string;
  versionId: string;
  onClose(): void;
}) {
  const { t } = useTranslation('console');
  const version = useCloudQuery('iot', 'GetPolicyVersion', { policyName, policyVersionId: versionId });
  return (
    <Dialog
      title={t('policies.versionTitle', { name: policyName, version: versionId })}
      closeLabel={t('common.close')}
      onClose={onClose}
      onSubmit={onClose}
      size="wide"
      actions={
        <button type="submit" className="button">
          {t('common.close')}
        </button>
      }
    >
      <ErrorNotice error={version.error} />
      {version.data && (
        <JsonView
          className="tall"
          label={t('policies.document')}
          text={prettyJsonText(version.data.policyDocument ?? '') ?? version.data.policyDocument ?? ''}
        />
      )}
    </Dialog>
  );
}

function DeletePolicyDialog({
  policyName,
  targets,
  versions,
  onClose,
  onDeleted,
}: {
  policyName: string;
  targets: string[];
  versions: string[];
  onClose(): void;
  onDeleted(): void;
}) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const task = useTask();
  const conflicts = targets.length > 0 || versions.length > 0;
  const [prepare, setPrepare] = useState(true);
  return (
    <ConfirmDialog
      title={t('policies.deleteTitle', { name: policyName })}
      confirmLabel={conflicts && prepare ? t('policies.deleteWithSteps') : t('common.delete')}
      pending={task.pending}
      step={task.step}
      error={task.error}
      onClose={onClose}
      onConfirm={() =>
        void task.run(async (report) => {
          if (prepare) {
            for (const target of targets) {
              report(t('policies.stepDetach', { id: shortId(arnName(target)) }));
              await sendOrThrow(bridge, 'iot', 'DetachPolicy', { policyName, target });
            }
            for (const versionId of versions) {
              report(t('policies.stepDeleteVersion', { version: versionId }));
              await sendOrThrow(bridge, 'iot', 'DeletePolicyVersion', {
                policyName,
                policyVersionId: versionId,
              });
            }
          }
          report(t('policies.stepDelete'));
          await sendOrThrow(bridge, 'iot', 'DeletePolicy', { policyName });
          onClose();
          onDeleted();
        })
      }
    >
      <p>{t('policies.deleteText')}</p>
      {conflicts && (
        <>
          <div className="notice notice-warning">
            <p>{t('policies.deleteRules')}</p>
            <ul>
              {targets.length > 0 && <li>{t('policies.conflictTargets', { count: targets.length })}</li>}
              {versions.length > 0 && (
                <li>{t('policies.conflictVersions', { versions: versions.join(', ') })}</li>
              )}
            </ul>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={prepare} onChange={(event) => setPrepare(event.target.checked)} />
            {t('policies.prepare')}
          </label>
        </>
      )}
    </ConfirmDialog>
  );
}

function problemText(t: TFunction<'console'>, problem: PolicyProblem): string {
  switch (problem.kind) {
    case 'json':
      return t('policies.problem.json', { message: problem.message });
    case 'notObject':
      return t('policies.problem.notObject');
    case 'noStatement':
      return t('policies.problem.noStatement');
    case 'version':
      return t('policies.problem.version', { version: problem.version });
    case 'effect':
      return t('policies.problem.effect', { n: problem.index + 1 });
    case 'action':
      return t('policies.problem.action', { n: problem.index + 1 });
    case 'actionPrefix':
      return t('policies.problem.actionPrefix', { n: problem.index + 1, action: problem.action });
    case 'resource':
      return t('policies.problem.resource', { n: problem.index + 1 });
  }
}

/** Create a policy, or a new version of one (CreatePolicyVersion), with a validating JSON editor. */
function PolicyEditorDialog({
  policyName,
  initial,
  onClose,
  onSaved,
}: {
  /** Given: a new version of this policy. */
  policyName?: string;
  initial: string;
  onClose(): void;
  onSaved(name: string): void;
}) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const [name, setName] = useState('');
  const [document, setDocument] = useState(initial);
  const [setAsDefault, setSetAsDefault] = useState(true);
  const [touched, setTouched] = useState(false);
  const task = useTask();
  const problems = useMemo(() => checkPolicyDocument(document), [document]);
  const nameInvalid = policyName === undefined && !POLICY_NAME.test(name);

  const save = () => {
    setTouched(true);
    if (nameInvalid || problems.length > 0) return;
    void task.run(async () => {
      if (policyName === undefined) {
        await sendOrThrow(bridge, 'iot', 'CreatePolicy', { policyName: name, policyDocument: document });
        onSaved(name);
      } else {
        await sendOrThrow(bridge, 'iot', 'CreatePolicyVersion', {
          policyName,
          policyDocument: document,
          setAsDefault,
        });
        onSaved(policyName);
      }
    });
  };

  return (
    <FormDialog
      title={
        policyName === undefined ? t('policies.createTitle') : t('policies.editTitle', { name: policyName })
      }
      description={policyName === undefined ? t('policies.createLead') : t('policies.editLead')}
      submitLabel={policyName === undefined ? t('policies.create') : t('policies.saveVersion')}
      task={task}
      onClose={onClose}
      onSubmit={save}
      size="wide"
    >
      {policyName === undefined && (
        <label className="field">
          <span className="field-label">{t('common.name')}</span>
          <input
            className="text-input mono"
            value={name}
            placeholder="weather_station_policy"
            onChange={(event) => setName(event.target.value)}
            aria-invalid={touched && nameInvalid ? 'true' : undefined}
            spellCheck={false}
          />
          {touched && nameInvalid && <span className="field-error">{t('policies.nameRule')}</span>}
        </label>
      )}
      <div className="field">
        <span className="field-label">{t('policies.document')}</span>
        <CodeEditor
          value={document}
          onChange={setDocument}
          language="json"
          label={t('policies.document')}
          description={
            problems.length === 0 ? t('policies.valid') : problems.map((p) => problemText(t, p)).join(' ')
          }
          invalid={problems.length > 0}
          size="large"
        />
        <div aria-live="polite">
          {problems.length === 0 ? (
            <span className="field-ok">{t('policies.valid')}</span>
          ) : (
            <ul className="field-error problem-list">
              {problems.map((problem, index) => (
                <li key={index}>{problemText(t, problem)}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {policyName !== undefined && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={setAsDefault}
            onChange={(event) => setSetAsDefault(event.target.checked)}
          />
          {t('policies.setAsDefault')}
        </label>
      )}
    </FormDialog>
  );
}
