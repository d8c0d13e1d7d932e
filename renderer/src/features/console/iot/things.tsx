import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery } from '../../../api/cloud-sdk';
import { navigate, pageHref } from '../../../app/use-route';
import { ChipIcon, CloseIcon, PlusIcon } from '../../../components/icons';
import { BusyButton } from '../ui/busy-button';
import { CreateButton, DeleteButton, RefreshButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ListDetail } from '../ui/console-page';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { FormDialog } from '../ui/form-dialog';
import { arnName, shortId } from '../ui/format';
import { LoadingLine } from '../ui/loading-line';
import { Pager, usePager } from '../ui/pager';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';

const PAGE_SIZE = 25;
/** AWS: thing names are 1–128 of letters, digits, `:`, `_` and `-`. */
const THING_NAME = /^[a-zA-Z0-9:_-]{1,128}$/;

interface ThingFilter {
  thingTypeName?: string;
  attributeName?: string;
  attributeValue?: string;
}

export function ThingsView({ selected }: { selected: string | undefined }) {
  const { t } = useTranslation('console');
  const pager = usePager<string>();
  const [filter, setFilter] = useState<ThingFilter>({});
  const [creating, setCreating] = useState(false);
  const things = useCloudQuery('iot', 'ListThings', {
    maxResults: PAGE_SIZE,
    nextToken: pager.token,
    ...filter,
  });
  const types = useCloudQuery('iot', 'ListThingTypes', { maxResults: 100 });
  const rows = things.data?.things ?? [];

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const attributeName = text('attributeName');
    pager.reset();
    setFilter({
      thingTypeName: text('thingTypeName'),
      attributeName,
      attributeValue: attributeName ? text('attributeValue') : undefined,
    });
  };

  return (
    <ListDetail
      selected={selected}
      placeholder={t('things.select')}
      list={
        <Card
          icon={<ChipIcon />}
          title={t('things.title')}
          lead={t('things.lead')}
          actions={
            <>
              <RefreshButton onClick={things.reload} />
              <CreateButton label={t('things.create')} onClick={() => setCreating(true)} />
            </>
          }
        >
          <form className="toolbar" onSubmit={applyFilter} aria-label={t('things.filter')}>
            <label className="field">
              <span className="field-label">{t('things.type')}</span>
              <select name="thingTypeName" className="text-input" defaultValue="">
                <option value="">{t('things.anyType')}</option>
                {(types.data?.thingTypes ?? []).map((type) => (
                  <option key={type.thingTypeName} value={type.thingTypeName}>
                    {type.thingTypeName}
                  </option>
                ))}
              </select>
            </label>
            <label className="field grow">
              <span className="field-label">{t('things.attributeName')}</span>
              <input name="attributeName" className="text-input" placeholder="thingId" />
            </label>
            <label className="field grow">
              <span className="field-label">{t('things.attributeValue')}</span>
              <input name="attributeValue" className="text-input" />
            </label>
            <button type="submit" className="button button-secondary">
              {t('common.apply')}
            </button>
          </form>
          <ErrorNotice error={things.error} />
          {things.loading && !things.data ? (
            <LoadingLine>{t('common.loading')}</LoadingLine>
          ) : (
            <ResourceTable
              label={t('things.title')}
              rows={rows}
              rowKey={(thing) => thing.thingName ?? ''}
              nameHeader={t('common.name')}
              name={(thing) => thing.thingName}
              href={(thing) => pageHref('iot', 'things', thing.thingName ?? '')}
              selectedKey={selected}
              columns={[
                { id: 'type', header: t('things.type'), cell: (thing) => thing.thingTypeName ?? '—' },
                {
                  id: 'version',
                  header: t('things.version'),
                  cell: (thing) => thing.version,
                  className: 'numeric',
                },
              ]}
              empty={
                filter.thingTypeName || filter.attributeName ? t('things.noneMatching') : t('things.none')
              }
            />
          )}
          <Pager
            page={pager.page}
            hasPrevious={pager.page > 1}
            nextToken={things.data?.nextToken}
            onPrevious={pager.previous}
            onNext={() => things.data?.nextToken && pager.next(things.data.nextToken)}
          />
        </Card>
      }
      detail={(name) => (
        <ThingDetail
          key={name}
          thingName={name}
          onDeleted={() => {
            things.reload();
            navigate('iot', 'things');
          }}
        />
      )}
    >
      {creating && (
        <CreateThingDialog
          thingTypes={(types.data?.thingTypes ?? []).flatMap((type) =>
            // AWS refuses a thing of a deprecated type.
            type.thingTypeName && !type.thingTypeMetadata?.deprecated ? [type.thingTypeName] : [],
          )}
          onClose={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            things.reload();
            navigate('iot', 'things', name);
          }}
        />
      )}
    </ListDetail>
  );
}

function ThingDetail({ thingName, onDeleted }: { thingName: string; onDeleted(): void }) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const thing = useCloudQuery('iot', 'DescribeThing', { thingName });
  const principals = useCloudQuery('iot', 'ListThingPrincipals', { thingName });
  const certificates = useCloudQuery('iot', 'ListCertificates', { pageSize: 250 });
  const [deleting, setDeleting] = useState(false);
  const [detachFirst, setDetachFirst] = useState(true);
  const [attachArn, setAttachArn] = useState('');
  const task = useTask();
  const attached = principals.data?.principals ?? [];
  const attributes = Object.entries(thing.data?.attributes ?? {});

  const detach = (principal: string) =>
    task.run(async () => {
      await sendOrThrow(bridge, 'iot', 'DetachThingPrincipal', { thingName, principal });
      principals.reload();
    });

  const attach = () =>
    task.run(async () => {
      await sendOrThrow(bridge, 'iot', 'AttachThingPrincipal', { thingName, principal: attachArn });
      setAttachArn('');
      principals.reload();
    });

  const remove = () =>
    task.run(async (report) => {
      if (detachFirst) {
        for (const principal of attached) {
          report(t('things.detaching', { id: shortId(arnName(principal)) }));
          await sendOrThrow(bridge, 'iot', 'DetachThingPrincipal', { thingName, principal });
        }
      }
      report(t('things.deleting', { name: thingName }));
      await sendOrThrow(bridge, 'iot', 'DeleteThing', { thingName });
      setDeleting(false);
      onDeleted();
    });

  if (thing.error) return <ErrorNotice error={thing.error} />;
  const data = thing.data;
  return (
    <Card
      icon={<ChipIcon />}
      title={thingName}
      lead={data?.thingTypeName ? t('things.ofType', { type: data.thingTypeName }) : t('things.untyped')}
      actions={
        <DeleteButton
          onClick={() => {
            task.reset();
            setDeleting(true);
          }}
        />
      }
    >
      {data && (
        <Details
          items={[
            { label: t('common.arn'), value: <code>{data.thingArn}</code>, copy: data.thingArn },
            {
              label: t('things.type'),
              value: data.thingTypeName ? (
                <a href={pageHref('iot', 'types', data.thingTypeName)}>{data.thingTypeName}</a>
              ) : (
                '—'
              ),
            },
            { label: t('things.version'), value: data.version },
            { label: t('things.thingId'), value: <code>{data.thingId}</code> },
          ]}
        />
      )}

      <div className="section">
        <h3 className="section-title">{t('things.attributes')}</h3>
        {attributes.length === 0 ? (
          <p className="muted">{t('things.noAttributes')}</p>
        ) : (
          <Details
            items={attributes.map(([name, value]) => ({ label: name, value: <code>{value}</code> }))}
          />
        )}
      </div>

      <div className="section">
        <h3 className="section-title">{t('things.certificates')}</h3>
        {attached.length === 0 ? (
          <p className="muted">{t('things.noCertificates')}</p>
        ) : (
          <ul className="attached-list" aria-label={t('things.certificates')}>
            {attached.map((principal) => (
              <li key={principal}>
                <a href={pageHref('iot', 'certificates', arnName(principal))} className="cell-mono">
                  {shortId(arnName(principal), 16)}
                </a>
                <button
                  type="button"
                  className="button button-ghost button-small"
                  aria-label={t('things.detachLabel', { id: shortId(arnName(principal)) })}
                  onClick={() => void detach(principal)}
                  disabled={task.pending}
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
            aria-label={t('things.attachCertificate')}
            value={attachArn}
            onChange={(event) => setAttachArn(event.target.value)}
          >
            <option value="">{t('things.chooseCertificate')}</option>
            {(certificates.data?.certificates ?? [])
              .filter(
                (certificate) => certificate.certificateArn && !attached.includes(certificate.certificateArn),
              )
              .map((certificate) => (
                <option key={certificate.certificateArn} value={certificate.certificateArn}>
                  {shortId(certificate.certificateId ?? '', 16)} · {certificate.status}
                </option>
              ))}
          </select>
          <BusyButton
            type="button"
            busy={task.pending && !deleting}
            className="button-secondary"
            disabled={!attachArn}
            onClick={() => void attach()}
          >
            {t('common.attach')}
          </BusyButton>
        </div>
        {!deleting && <ErrorNotice error={task.error} />}
      </div>

      {deleting && (
        <ConfirmDialog
          title={t('things.deleteTitle', { name: thingName })}
          confirmLabel={t('common.delete')}
          onConfirm={() => void remove()}
          onClose={() => setDeleting(false)}
          pending={task.pending}
          step={task.step}
          error={task.error}
        >
          <p>{t('things.deleteText')}</p>
          {attached.length > 0 && (
            <>
              <p className="notice notice-warning">
                {t('things.deleteAttached', { count: attached.length })}
              </p>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={detachFirst}
                  onChange={(event) => setDetachFirst(event.target.checked)}
                />
                {t('things.detachFirst', { count: attached.length })}
              </label>
            </>
          )}
        </ConfirmDialog>
      )}
    </Card>
  );
}

interface AttributeRow {
  id: number;
  name: string;
  value: string;
}

function CreateThingDialog({
  thingTypes,
  onClose,
  onCreated,
}: {
  thingTypes: string[];
  onClose(): void;
  onCreated(name: string): void;
}) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [rows, setRows] = useState<AttributeRow[]>([]);
  const [touched, setTouched] = useState(false);
  const ruleId = useId();
  const task = useTask();
  const nameError = !THING_NAME.test(name) ? t('things.nameRule') : undefined;

  const submit = () => {
    setTouched(true);
    if (nameError) return;
    const attributes = Object.fromEntries(
      rows.filter((row) => row.name.trim()).map((row) => [row.name.trim(), row.value]),
    );
    void task.run(async () => {
      await sendOrThrow(bridge, 'iot', 'CreateThing', {
        thingName: name,
        thingTypeName: type || undefined,
        attributePayload: Object.keys(attributes).length > 0 ? { attributes } : undefined,
      });
      onCreated(name);
    });
  };

  return (
    <FormDialog
      title={t('things.createTitle')}
      description={t('things.createLead')}
      submitLabel={t('things.create')}
      task={task}
      onClose={onClose}
      onSubmit={submit}
    >
      <label className="field">
        <span className="field-label">{t('common.name')}</span>
        <input
          className="text-input mono"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={touched && nameError ? 'true' : undefined}
          aria-describedby={ruleId}
          autoComplete="off"
          spellCheck={false}
        />
        <span id={ruleId} className={touched && nameError ? 'field-error' : 'field-hint'}>
          {t('things.nameRule')}
        </span>
      </label>
      <label className="field">
        <span className="field-label">{t('things.type')}</span>
        <select className="text-input" value={type} onChange={(event) => setType(event.target.value)}>
          <option value="">{t('things.noType')}</option>
          {thingTypes.map((thingType) => (
            <option key={thingType} value={thingType}>
              {thingType}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field attribute-rows">
        <legend className="field-label">{t('things.attributes')}</legend>
        {rows.map((row, index) => (
          <div key={row.id} className="attach-row">
            <input
              className="text-input mono"
              aria-label={t('things.attributeNameN', { n: index + 1 })}
              placeholder={t('things.attributeName')}
              value={row.name}
              onChange={(event) =>
                setRows((all) => all.map((r) => (r.id === row.id ? { ...r, name: event.target.value } : r)))
              }
            />
            <input
              className="text-input mono"
              aria-label={t('things.attributeValueN', { n: index + 1 })}
              placeholder={t('things.attributeValue')}
              value={row.value}
              onChange={(event) =>
                setRows((all) => all.map((r) => (r.id === row.id ? { ...r, value: event.target.value } : r)))
              }
            />
            <button
              type="button"
              className="icon-button"
              aria-label={t('things.removeAttributeN', { n: index + 1 })}
              onClick={() => setRows((all) => all.filter((r) => r.id !== row.id))}
            >
              <CloseIcon />
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={rows.length >= 50}
            onClick={() => setRows((all) => [...all, { id: Date.now(), name: '', value: '' }])}
          >
            <PlusIcon />
            {t('things.addAttribute')}
          </button>
        </div>
      </fieldset>
    </FormDialog>
  );
}
