import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery } from '../../../api/cloud-sdk';
import { navigate, pageHref } from '../../../app/use-route';
import { WandIcon } from '../../../components/icons';
import { StatusPill } from '../../../components/status-pill';
import { BusyButton } from '../ui/busy-button';
import { DeleteButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ListDetail } from '../ui/console-page';
import { DeleteDialog } from '../ui/delete-dialog';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { FormDialog } from '../ui/form-dialog';
import { formatDateTime } from '../ui/format';
import { ListCard } from '../ui/list-card';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';
import { TextField } from '../ui/text-field';

const TYPE_NAME = /^[a-zA-Z0-9:_-]{1,128}$/;

export function ThingTypesView({ selected }: { selected: string | undefined }) {
  const { t, i18n } = useTranslation('console');
  const types = useCloudQuery('iot', 'ListThingTypes', { maxResults: 100 });
  const [creating, setCreating] = useState(false);

  return (
    <ListDetail
      selected={selected}
      placeholder={t('types.select')}
      list={
        <ListCard
          icon={<WandIcon />}
          title={t('types.title')}
          lead={t('types.lead')}
          list={types}
          create={{ label: t('types.create'), onClick: () => setCreating(true) }}
        >
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
        </ListCard>
      }
      detail={(name) => (
        <ThingTypeDetail
          key={name}
          name={name}
          onChanged={types.reload}
          onDeleted={() => {
            types.reload();
            navigate('iot', 'types');
          }}
        />
      )}
    >
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
    </ListDetail>
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
          <DeleteButton onClick={() => setDeleting(true)} />
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
        <DeleteDialog
          title={t('types.deleteTitle', { name })}
          onClose={() => setDeleting(false)}
          onDelete={() => sendOrThrow(bridge, 'iot', 'DeleteThingType', { thingTypeName: name })}
          onDeleted={onDeleted}
        >
          <p>{t('types.deleteText')}</p>
          {!deprecated && <p className="notice notice-warning">{t('types.deleteNotDeprecated')}</p>}
        </DeleteDialog>
      )}
    </Card>
  );
}

function CreateThingTypeDialog({ onClose, onCreated }: { onClose(): void; onCreated(name: string): void }) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
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
    <FormDialog
      title={t('types.createTitle')}
      submitLabel={t('types.create')}
      task={task}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextField
        label={t('common.name')}
        value={name}
        onChange={setName}
        invalid={touched && invalid}
        rule={t('things.nameRule')}
        placeholder="sensor"
      />
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
    </FormDialog>
  );
}
