import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery } from '../../../api/cloud-sdk';
import { navigate, pageHref } from '../../../app/use-route';
import { Dialog } from '../../../components/dialog';
import { PlusIcon, RefreshIcon, TrashIcon, WandIcon } from '../../../components/icons';
import { StatusPill } from '../../../components/status-pill';
import { BusyButton } from '../ui/busy-button';
import { Card } from '../ui/card';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { formatDateTime } from '../ui/format';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';

const TYPE_NAME = /^[a-zA-Z0-9:_-]{1,128}$/;

export function ThingTypesView({ selected }: { selected: string | undefined }) {
  const { t, i18n } = useTranslation('console');
  const types = useCloudQuery('iot', 'ListThingTypes', { maxResults: 100 });
  const [creating, setCreating] = useState(false);

  return (
    <div className="split">
      <Card
        icon={<WandIcon />}
        title={t('types.title')}
        lead={t('types.lead')}
        actions={
          <>
            <button
              type="button"
              className="icon-button"
              aria-label={t('common.refresh')}
              title={t('common.refresh')}
              onClick={types.reload}
            >
              <RefreshIcon />
            </button>
            <button type="button" className="button" onClick={() => setCreating(true)}>
              <PlusIcon />
              {t('types.create')}
            </button>
          </>
        }
      >
        <ErrorNotice error={types.error} />
        <ResourceTable
          label={t('types.title')}
          rows={types.data?.thingTypes ?? []}
          rowKey={(type) => type.thingTypeName ?? ''}
          nameHeader={t('common.name')}
          name={(type) => type.thingTypeName}
          href={(type) => pageHref('iot', 'types', type.thingTypeName ?? '')}
          selectedKey={selected}
          columns={[
            {
              id: 'state',
              header: t('common.status'),
              cell: (type) =>
                type.thingTypeMetadata?.deprecated ? (
                  <StatusPill tone="warning">{t('types.deprecated')}</StatusPill>
                ) : (
                  <StatusPill tone="success">{t('types.active')}</StatusPill>
                ),
            },
            {
              id: 'created',
              header: t('common.created'),
              cell: (type) => formatDateTime(i18n.language, type.thingTypeMetadata?.creationDate),
              className: 'nowrap cell-muted',
            },
          ]}
          empty={types.loading ? t('common.loading') : t('types.none')}
        />
      </Card>
      {selected ? (
        <ThingTypeDetail
          key={selected}
          name={selected}
          onChanged={types.reload}
          onDeleted={() => {
            types.reload();
            navigate('iot', 'types');
          }}
        />
      ) : (
        <div className="empty-state">{t('types.select')}</div>
      )}
      {creating && (
        <CreateThingTypeDialog
          onClose={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            types.reload();
            navigate('iot', 'types', name);
          }}
        />
      )}
    </div>
  );
}

function ThingTypeDetail({
  name,
  onChanged,
  onDeleted,
}: {
  name: string;
  onChanged(): void;
  onDeleted(): void;
}) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const type = useCloudQuery('iot', 'DescribeThingType', { thingTypeName: name });
  const [deleting, setDeleting] = useState(false);
  const task = useTask();
  const deleteTask = useTask();
  const data = type.data;
  const deprecated = data?.thingTypeMetadata?.deprecated === true;

  const toggleDeprecation = () =>
    task.run(async () => {
      await sendOrThrow(bridge, 'iot', 'DeprecateThingType', {
        thingTypeName: name,
        undoDeprecate: deprecated,
      });
      type.reload();
      onChanged();
    });

  if (type.error) return <ErrorNotice error={type.error} />;
  return (
    <Card
      icon={<WandIcon />}
      title={name}
      badge={
        data &&
        (deprecated ? (
          <StatusPill tone="warning">{t('types.deprecated')}</StatusPill>
        ) : (
          <StatusPill tone="success">{t('types.active')}</StatusPill>
        ))
      }
      actions={
        <>
          <BusyButton
            type="button"
            busy={task.pending}
            className="button-secondary"
            onClick={() => void toggleDeprecation()}
          >
            {deprecated ? t('types.undeprecate') : t('types.deprecate')}
          </BusyButton>
          <button
            type="button"
            className="button button-danger"
            onClick={() => {
              deleteTask.reset();
              setDeleting(true);
            }}
          >
            <TrashIcon />
            {t('common.delete')}
          </button>
        </>
      }
    >
      <ErrorNotice error={task.error} />
      {data && (
        <Details
          items={[
            { label: t('common.arn'), value: <code>{data.thingTypeArn}</code>, copy: data.thingTypeArn },
            { label: t('types.description'), value: data.thingTypeProperties?.thingTypeDescription || '—' },
            {
              label: t('types.searchable'),
              value: (data.thingTypeProperties?.searchableAttributes ?? []).join(', ') || '—',
            },
            {
              label: t('common.created'),
              value: formatDateTime(i18n.language, data.thingTypeMetadata?.creationDate),
            },
            deprecated && {
              label: t('types.deprecatedOn'),
              value: formatDateTime(i18n.language, data.thingTypeMetadata?.deprecationDate),
            },
          ]}
        />
      )}
      <p className="card-footnote">{t('types.deleteRule')}</p>
      {deleting && (
        <ConfirmDialog
          title={t('types.deleteTitle', { name })}
          confirmLabel={t('common.delete')}
          onConfirm={() =>
            void deleteTask.run(async () => {
              await sendOrThrow(bridge, 'iot', 'DeleteThingType', { thingTypeName: name });
              setDeleting(false);
              onDeleted();
            })
          }
          onClose={() => setDeleting(false)}
          pending={deleteTask.pending}
          error={deleteTask.error}
        >
          <p>{t('types.deleteText')}</p>
          {!deprecated && <p className="notice notice-warning">{t('types.deleteNotDeprecated')}</p>}
        </ConfirmDialog>
      )}
    </Card>
  );
}

function CreateThingTypeDialog({ onClose, onCreated }: { onClose(): void; onCreated(name: string): void }) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const ruleId = useId();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [searchable, setSearchable] = useState('');
  const [touched, setTouched] = useState(false);
  const task = useTask();
  const invalid = !TYPE_NAME.test(name);

  const submit = () => {
    setTouched(true);
    if (invalid) return;
    const attributes = searchable
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    void task.run(async () => {
      await sendOrThrow(bridge, 'iot', 'CreateThingType', {
        thingTypeName: name,
        thingTypeProperties: {
          thingTypeDescription: description || undefined,
          searchableAttributes: attributes.length > 0 ? attributes : undefined,
        },
      });
      onCreated(name);
    });
  };

  return (
    <Dialog
      title={t('types.createTitle')}
      closeLabel={t('common.close')}
      onClose={onClose}
      onSubmit={submit}
      actions={
        <>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <BusyButton type="submit" busy={task.pending}>
            {t('types.create')}
          </BusyButton>
        </>
      }
    >
      <label className="field">
        <span className="field-label">{t('common.name')}</span>
        <input
          className="text-input mono"
          value={name}
          placeholder="sensor"
          onChange={(event) => setName(event.target.value)}
          aria-invalid={touched && invalid ? 'true' : undefined}
          aria-describedby={ruleId}
          spellCheck={false}
        />
        <span id={ruleId} className={touched && invalid ? 'field-error' : 'field-hint'}>
          {t('things.nameRule')}
        </span>
      </label>
      <label className="field">
        <span className="field-label">{t('types.description')}</span>
        <input
          className="text-input"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('types.searchable')}</span>
        <input
          className="text-input mono"
          value={searchable}
          placeholder="thingId, version"
          onChange={(event) => setSearchable(event.target.value)}
        />
        <span className="field-hint">{t('types.searchableHint')}</span>
      </label>
      <ErrorNotice error={task.error} />
    </Dialog>
  );
}
