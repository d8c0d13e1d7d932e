import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery, type CloudOutput } from '../../../api/cloud-sdk';
import type { IotCaCertificate } from '../../../api/contract';
import { useRequest } from '../../../api/hooks';
import { navigate, pageHref } from '../../../app/use-route';
import { Dialog } from '../../../components/dialog';
import { CloseIcon, DownloadIcon, KeyIcon } from '../../../components/icons';
import { StatusPill, type Tone } from '../../../components/status-pill';
import { BusyButton } from '../ui/busy-button';
import { CreateButton, DeleteButton, RefreshButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ListDetail } from '../ui/console-page';
import { Details } from '../ui/details';
import { downloadText } from '../ui/download';
import { ErrorNotice } from '../ui/error-notice';
import { FormDialog } from '../ui/form-dialog';
import { formatDateTime, shortId } from '../ui/format';
import { LoadingLine } from '../ui/loading-line';
import { Pager, usePager } from '../ui/pager';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';

type CertificateStatus =
  'ACTIVE' | 'INACTIVE' | 'REVOKED' | 'PENDING_TRANSFER' | 'REGISTER_INACTIVE' | 'PENDING_ACTIVATION';

export function certificateTone(status: string | undefined): Tone {
  if (status === 'ACTIVE') return 'success';
  if (status === 'REVOKED') return 'danger';
  return 'neutral';
}

function StatusLabel({ status }: { status: string | undefined }) {
  const { t } = useTranslation('console');
  const known = ['ACTIVE', 'INACTIVE', 'REVOKED'].includes(status ?? '');
  return (
    <StatusPill tone={certificateTone(status)}>
      {known ? t(`certificates.status.${status as 'ACTIVE' | 'INACTIVE' | 'REVOKED'}`) : (status ?? '—')}
    </StatusPill>
  );
}

/** File names as the AWS console offers them: `<first ten of the id>-certificate.pem.crt`. */
export function certificateFileNames(certificateId: string) {
  const prefix = certificateId.slice(0, 10);
  return {
    certificate: `${prefix}-certificate.pem.crt`,
    privateKey: `${prefix}-private.pem.key`,
    publicKey: `${prefix}-public.pem.key`,
  };
}

export function CertificatesView({ selected }: { selected: string | undefined }) {
  const { t, i18n } = useTranslation('console');
  const pager = usePager<string>();
  const certificates = useCloudQuery('iot', 'ListCertificates', {
    pageSize: 25,
    marker: pager.token,
    ascendingOrder: false,
  });
  const [creating, setCreating] = useState(false);

  return (
    <ListDetail
      selected={selected}
      placeholder={t('certificates.select')}
      list={
        <Card
          icon={<KeyIcon />}
          title={t('certificates.title')}
          lead={t('certificates.lead')}
          actions={
            <>
              <RefreshButton onClick={certificates.reload} />
              <CreateButton label={t('certificates.create')} onClick={() => setCreating(true)} />
            </>
          }
        >
          <ErrorNotice error={certificates.error} />
          <ResourceTable
            label={t('certificates.title')}
            rows={certificates.data?.certificates ?? []}
            rowKey={(certificate) => certificate.certificateId ?? ''}
            nameHeader={t('certificates.id')}
            name={(certificate) => (
              <span className="cell-mono">{shortId(certificate.certificateId ?? '')}</span>
            )}
            href={(certificate) => pageHref('iot', 'certificates', certificate.certificateId ?? '')}
            selectedKey={selected}
            columns={[
              { id: 'status', header: t('common.status'), cell: (c) => <StatusLabel status={c.status} /> },
              {
                id: 'created',
                header: t('common.created'),
                cell: (c) => formatDateTime(i18n.language, c.creationDate),
                className: 'nowrap cell-muted',
              },
            ]}
            empty={certificates.loading ? t('common.loading') : t('certificates.none')}
          />
          <Pager
            page={pager.page}
            hasPrevious={pager.page > 1}
            nextToken={certificates.data?.nextMarker}
            onPrevious={pager.previous}
            onNext={() => certificates.data?.nextMarker && pager.next(certificates.data.nextMarker)}
          />
        </Card>
      }
      detail={(name) => (
        <CertificateDetail
          key={name}
          certificateId={name}
          onChanged={certificates.reload}
          onDeleted={() => {
            certificates.reload();
            navigate('iot', 'certificates');
          }}
        />
      )}
    >
      {creating && (
        <CreateCertificateDialog
          onClose={(createdId) => {
            setCreating(false);
            certificates.reload();
            if (createdId) navigate('iot', 'certificates', createdId);
          }}
        />
      )}
    </ListDetail>
  );
}

type Description = NonNullable<CloudOutput<'iot', 'DescribeCertificate'>['certificateDescription']>;

function CertificateDetail({
  certificateId,
  onChanged,
  onDeleted,
}: {
  certificateId: string;
  onChanged(): void;
  onDeleted(): void;
}) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const described = useCloudQuery('iot', 'DescribeCertificate', { certificateId });
  const certificate: Description | undefined = described.data?.certificateDescription;
  const arn = certificate?.certificateArn;
  const things = useCloudQuery('iot', 'ListPrincipalThings', arn ? { principal: arn } : null);
  const policies = useCloudQuery('iot', 'ListAttachedPolicies', arn ? { target: arn } : null);
  const task = useTask();
  const [deleting, setDeleting] = useState(false);

  const setStatus = (newStatus: CertificateStatus) =>
    task.run(async () => {
      await sendOrThrow(bridge, 'iot', 'UpdateCertificate', { certificateId, newStatus });
      described.reload();
      onChanged();
    });

  if (described.error) return <ErrorNotice error={described.error} />;
  if (!certificate || !arn) {
    return <LoadingLine>{t('common.loading')}</LoadingLine>;
  }
  const status = certificate.status;
  const attachedThings = things.data?.things ?? [];
  const attachedPolicies = policies.data?.policies ?? [];

  return (
    <Card
      icon={<KeyIcon />}
      title={t('certificates.detailTitle', { id: shortId(certificateId) })}
      badge={<StatusLabel status={status} />}
      actions={
        <DeleteButton
          onClick={() => {
            task.reset();
            setDeleting(true);
          }}
        />
      }
    >
      <Details
        items={[
          { label: t('certificates.id'), value: <code>{certificateId}</code>, copy: certificateId },
          { label: t('common.arn'), value: <code>{arn}</code>, copy: arn },
          { label: t('common.created'), value: formatDateTime(i18n.language, certificate.creationDate) },
          {
            label: t('certificates.validity'),
            value: t('certificates.validityRange', {
              from: formatDateTime(i18n.language, certificate.validity?.notBefore),
              to: formatDateTime(i18n.language, certificate.validity?.notAfter),
            }),
          },
        ]}
      />
      <div className="section">
        <h3 className="section-title">{t('common.status')}</h3>
        <div className="button-row">
          {(['ACTIVE', 'INACTIVE', 'REVOKED'] as const).map((next) => (
            <button
              key={next}
              type="button"
              className={`button button-small ${next === 'REVOKED' ? 'button-danger' : 'button-secondary'}`}
              disabled={task.pending || status === next || status === 'REVOKED'}
              onClick={() => void setStatus(next)}
            >
              {t(`certificates.set.${next}`)}
            </button>
          ))}
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() =>
              downloadText(
                certificateFileNames(certificateId).certificate,
                certificate.certificatePem ?? '',
                'application/x-pem-file',
              )
            }
          >
            <DownloadIcon />
            {t('certificates.downloadCertificate')}
          </button>
        </div>
        {status === 'REVOKED' && <p className="field-hint">{t('certificates.revokedHint')}</p>}
        {!deleting && <ErrorNotice error={task.error} />}
      </div>

      <AttachedThings arn={arn} things={attachedThings} onChanged={things.reload} />
      <AttachedPolicies arn={arn} policies={attachedPolicies} onChanged={policies.reload} />

      {deleting && (
        <DeleteCertificateDialog
          certificateId={certificateId}
          arn={arn}
          status={status}
          things={attachedThings}
          policies={attachedPolicies.flatMap((policy) => (policy.policyName ? [policy.policyName] : []))}
          onClose={() => setDeleting(false)}
          onDeleted={onDeleted}
        />
      )}
    </Card>
  );
}

const ATTACHMENT_LABELS = {
  things: {
    empty: 'certificates.noThings',
    detach: 'certificates.detachThing',
    attach: 'certificates.attachThing',
    choose: 'certificates.chooseThing',
  },
  policies: {
    empty: 'certificates.noPolicies',
    detach: 'certificates.detachPolicy',
    attach: 'certificates.attachPolicy',
    choose: 'certificates.choosePolicy',
  },
} as const;

/** One kind of attachment of a certificate (things or policies): list, detach, attach one more. */
function AttachmentSection({
  kind,
  attached,
  candidates,
  attach,
  detach,
}: {
  kind: 'things' | 'policies';
  attached: string[];
  candidates: string[];
  attach(name: string): Promise<void>;
  detach(name: string): Promise<void>;
}) {
  const { t } = useTranslation('console');
  const [choice, setChoice] = useState('');
  const task = useTask();
  const labels = ATTACHMENT_LABELS[kind];
  return (
    <div className="section">
      <h3 className="section-title">{t(`certificates.${kind}`)}</h3>
      {attached.length === 0 ? (
        <p className="muted">{t(labels.empty)}</p>
      ) : (
        <ul className="attached-list" aria-label={t(`certificates.${kind}`)}>
          {attached.map((name) => (
            <li key={name}>
              <a href={pageHref('iot', kind, name)}>{name}</a>
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={t(labels.detach, { name })}
                disabled={task.pending}
                onClick={() => void task.run(() => detach(name))}
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
          aria-label={t(labels.attach)}
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
        >
          <option value="">{t(labels.choose)}</option>
          {candidates
            .filter((name) => !attached.includes(name))
            .map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
        </select>
        <BusyButton
          type="button"
          busy={task.pending}
          className="button-secondary"
          disabled={!choice}
          onClick={() =>
            void task.run(async () => {
              await attach(choice);
              setChoice('');
            })
          }
        >
          {t('common.attach')}
        </BusyButton>
      </div>
      <ErrorNotice error={task.error} />
    </div>
  );
}

function AttachedThings({ arn, things, onChanged }: { arn: string; things: string[]; onChanged(): void }) {
  const { bridge } = useApi();
  const all = useCloudQuery('iot', 'ListThings', { maxResults: 250 });
  return (
    <AttachmentSection
      kind="things"
      attached={things}
      candidates={(all.data?.things ?? []).flatMap((thing) => (thing.thingName ? [thing.thingName] : []))}
      attach={async (thingName) => {
        await sendOrThrow(bridge, 'iot', 'AttachThingPrincipal', { thingName, principal: arn });
        onChanged();
      }}
      detach={async (thingName) => {
        await sendOrThrow(bridge, 'iot', 'DetachThingPrincipal', { thingName, principal: arn });
        onChanged();
      }}
    />
  );
}

function AttachedPolicies({
  arn,
  policies,
  onChanged,
}: {
  arn: string;
  policies: Array<{ policyName?: string }>;
  onChanged(): void;
}) {
  const { bridge } = useApi();
  const all = useCloudQuery('iot', 'ListPolicies', { pageSize: 250 });
  const names = (list: Array<{ policyName?: string }>) =>
    list.flatMap((policy) => (policy.policyName ? [policy.policyName] : []));
  return (
    <AttachmentSection
      kind="policies"
      attached={names(policies)}
      candidates={names(all.data?.policies ?? [])}
      attach={async (policyName) => {
        await sendOrThrow(bridge, 'iot', 'AttachPolicy', { policyName, target: arn });
        onChanged();
      }}
      detach={async (policyName) => {
        await sendOrThrow(bridge, 'iot', 'DetachPolicy', { policyName, target: arn });
        onChanged();
      }}
    />
  );
}

/**
 * AWS deletes a certificate only when it is not ACTIVE and nothing is attached to it: the dialog
 * says which of these holds, and can do the steps first.
 */
function DeleteCertificateDialog({
  certificateId,
  arn,
  status,
  things,
  policies,
  onClose,
  onDeleted,
}: {
  certificateId: string;
  arn: string;
  status: string | undefined;
  things: string[];
  policies: string[];
  onClose(): void;
  onDeleted(): void;
}) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const task = useTask();
  const conflicts = status === 'ACTIVE' || things.length > 0 || policies.length > 0;
  const [prepare, setPrepare] = useState(true);

  const remove = () =>
    task.run(async (report) => {
      if (prepare) {
        for (const thingName of things) {
          report(t('certificates.stepDetachThing', { name: thingName }));
          await sendOrThrow(bridge, 'iot', 'DetachThingPrincipal', { thingName, principal: arn });
        }
        for (const policyName of policies) {
          report(t('certificates.stepDetachPolicy', { name: policyName }));
          await sendOrThrow(bridge, 'iot', 'DetachPolicy', { policyName, target: arn });
        }
        if (status === 'ACTIVE') {
          report(t('certificates.stepDeactivate'));
          await sendOrThrow(bridge, 'iot', 'UpdateCertificate', { certificateId, newStatus: 'INACTIVE' });
        }
      }
      report(t('certificates.stepDelete'));
      await sendOrThrow(bridge, 'iot', 'DeleteCertificate', { certificateId });
      onClose();
      onDeleted();
    });

  return (
    <ConfirmDialog
      title={t('certificates.deleteTitle', { id: shortId(certificateId) })}
      confirmLabel={conflicts && prepare ? t('certificates.deleteWithSteps') : t('common.delete')}
      onConfirm={() => void remove()}
      onClose={onClose}
      pending={task.pending}
      step={task.step}
      error={task.error}
    >
      <p>{t('certificates.deleteText')}</p>
      {conflicts && (
        <div className="notice notice-warning">
          <p>{t('certificates.deleteRules')}</p>
          <ul>
            {status === 'ACTIVE' && <li>{t('certificates.conflictActive')}</li>}
            {things.length > 0 && <li>{t('certificates.conflictThings', { names: things.join(', ') })}</li>}
            {policies.length > 0 && (
              <li>{t('certificates.conflictPolicies', { names: policies.join(', ') })}</li>
            )}
          </ul>
        </div>
      )}
      {conflicts && (
        <label className="checkbox">
          <input type="checkbox" checked={prepare} onChange={(event) => setPrepare(event.target.checked)} />
          {t('certificates.prepare')}
        </label>
      )}
    </ConfirmDialog>
  );
}

interface CreatedCertificate {
  certificateId: string;
  certificateArn: string;
  certificatePem: string;
  privateKey: string;
  publicKey: string;
}

function CaDownload({ ca }: { ca: IotCaCertificate | undefined }) {
  const { t } = useTranslation('console');
  if (!ca) return null;
  if (ca.kind === 'lab') {
    return (
      <button
        type="button"
        className="button button-secondary"
        onClick={() => downloadText(ca.fileName, ca.pem, 'application/x-pem-file')}
      >
        <DownloadIcon />
        {t('certificates.downloadLabCa')}
      </button>
    );
  }
  return (
    <p className="field-hint">
      {t('certificates.amazonCa')} <code>{ca.url}</code>
    </p>
  );
}

function CreateCertificateDialog({ onClose }: { onClose(createdId?: string): void }) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const ca = useRequest('iot.caCertificate');
  const [activate, setActivate] = useState(true);
  const [created, setCreated] = useState<CreatedCertificate | undefined>(undefined);
  const task = useTask();

  const create = () =>
    void task.run(async () => {
      const answer = await sendOrThrow(bridge, 'iot', 'CreateKeysAndCertificate', { setAsActive: activate });
      setCreated({
        certificateId: answer.certificateId ?? '',
        certificateArn: answer.certificateArn ?? '',
        certificatePem: answer.certificatePem ?? '',
        privateKey: answer.keyPair?.PrivateKey ?? '',
        publicKey: answer.keyPair?.PublicKey ?? '',
      });
    });

  if (!created) {
    return (
      <FormDialog
        title={t('certificates.createTitle')}
        description={t('certificates.createLead')}
        submitLabel={t('certificates.create')}
        task={task}
        onClose={() => onClose()}
        onSubmit={create}
      >
        <label className="checkbox">
          <input type="checkbox" checked={activate} onChange={(event) => setActivate(event.target.checked)} />
          {t('certificates.activate')}
        </label>
        {task.pending && <LoadingLine>{t('certificates.creating')}</LoadingLine>}
      </FormDialog>
    );
  }

  const files = certificateFileNames(created.certificateId);
  return (
    <Dialog
      title={t('certificates.createdTitle', { id: shortId(created.certificateId) })}
      description={t('certificates.createdLead')}
      closeLabel={t('common.close')}
      onClose={() => onClose(created.certificateId)}
      onSubmit={() => onClose(created.certificateId)}
      size="wide"
      actions={
        <button type="submit" className="button">
          {t('common.done')}
        </button>
      }
    >
      <p className="notice notice-warning" role="status">
        {t('certificates.keyWarning')}
      </p>
      <div className="download-grid">
        <DownloadRow
          label={t('certificates.fileCertificate')}
          fileName={files.certificate}
          text={created.certificatePem}
        />
        <DownloadRow
          label={t('certificates.filePrivateKey')}
          fileName={files.privateKey}
          text={created.privateKey}
        />
        <DownloadRow
          label={t('certificates.filePublicKey')}
          fileName={files.publicKey}
          text={created.publicKey}
        />
        <div className="download-row">
          <span className="download-label">{t('certificates.fileCa')}</span>
          <CaDownload ca={ca.data} />
        </div>
      </div>
      <AttachNewCertificate arn={created.certificateArn} />
    </Dialog>
  );
}

function DownloadRow({ label, fileName, text }: { label: string; fileName: string; text: string }) {
  const { t } = useTranslation('console');
  return (
    <div className="download-row">
      <span className="download-label">
        {label}
        <code className="download-file">{fileName}</code>
      </span>
      <button
        type="button"
        className="button button-secondary"
        aria-label={t('certificates.downloadFile', { file: fileName })}
        onClick={() => downloadText(fileName, text, 'application/x-pem-file')}
      >
        <DownloadIcon />
        {t('common.download')}
      </button>
    </div>
  );
}

/** Right after creation: the usual next steps, a thing and a policy. */
function AttachNewCertificate({ arn }: { arn: string }) {
  const things = useCloudQuery('iot', 'ListPrincipalThings', { principal: arn });
  const policies = useCloudQuery('iot', 'ListAttachedPolicies', { target: arn });
  const reload = () => {
    things.reload();
    policies.reload();
  };
  return (
    <div className="form-grid">
      <AttachedThings arn={arn} things={things.data?.things ?? []} onChanged={reload} />
      <AttachedPolicies arn={arn} policies={policies.data?.policies ?? []} onChanged={reload} />
    </div>
  );
}
