import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery } from '../../../api/cloud-sdk';
import { navigate, pageHref } from '../../../app/use-route';
import { DeleteButton, RefreshButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ListDetail } from '../ui/console-page';
import { DeleteDialog } from '../ui/delete-dialog';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { FormDialog } from '../ui/form-dialog';
import { formatDateTime, formatNumber } from '../ui/format';
import { ListCard } from '../ui/list-card';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';
import { TextField } from '../ui/text-field';
import { CrawlerIcon, DatabaseIcon } from './icons';
import { S3Location } from './s3-location';

/** AWS: 1–255 characters; Glue stores names lower case, and Athena reads letters, digits and `_` unquoted. */
const DATABASE_NAME = /^[a-z0-9_]{1,255}$/;
/** The lab's database (lesson 06). */
export const LAB_DATABASE = 'weather_station_db';

export function DatabasesView({ selected }: { selected: string | undefined }) {
  const { t, i18n } = useTranslation('console');
  const databases = useCloudQuery('glue', 'GetDatabases', { MaxResults: 100 });
  const [creating, setCreating] = useState(false);
  return (
    <ListDetail
      selected={selected}
      placeholder={t('glue.selectDatabase')}
      icon={<DatabaseIcon />}
      list={
        <ListCard
          icon={<DatabaseIcon />}
          title={t('glue.databases')}
          lead={t('glue.databasesLead')}
          list={databases}
          create={{ label: t('glue.createDatabase'), onClick: () => setCreating(true) }}
        >
          <ResourceTable
            label={t('glue.databases')}
            rows={databases.data?.DatabaseList ?? []}
            rowKey={(database) => database.Name ?? ''}
            nameHeader={t('common.name')}
            name={(database) => database.Name}
            href={(database) => pageHref('glue', 'databases', database.Name ?? '')}
            selectedKey={selected}
            columns={[
              {
                id: 'created',
                header: t('common.created'),
                cell: (database) => formatDateTime(i18n.language, database.CreateTime),
                className: 'nowrap cell-muted',
              },
            ]}
            empty={databases.loading ? t('common.loading') : t('glue.noDatabases')}
          />
        </ListCard>
      }
      detail={(name) => (
        <DatabaseDetail
          key={name}
          name={name}
          onDeleted={() => {
            databases.reload();
            navigate('glue', 'databases');
          }}
        />
      )}
    >
      {creating && (
        <CreateDatabaseDialog
          onClose={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            databases.reload();
            navigate('glue', 'databases', name);
          }}
        />
      )}
    </ListDetail>
  );
}

function DatabaseDetail({ name, onDeleted }: { name: string; onDeleted(): void }) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const database = useCloudQuery('glue', 'GetDatabase', { Name: name });
  const tables = useCloudQuery('glue', 'GetTables', { DatabaseName: name, MaxResults: 100 });
  const crawlers = useCloudQuery('glue', 'GetCrawlers', { MaxResults: 100 });
  const [deleting, setDeleting] = useState(false);
  const data = database.data?.Database;
  const tableList = tables.data?.TableList ?? [];
  const feeding = (crawlers.data?.Crawlers ?? []).filter((crawler) => crawler.DatabaseName === name);

  if (database.error) return <ErrorNotice error={database.error} />;
  return (
    <div className="stack">
      <Card icon={<DatabaseIcon />} title={name} actions={<DeleteButton onClick={() => setDeleting(true)} />}>
        {data && (
          <Details
            items={[
              { label: t('glue.location'), value: <S3Location uri={data.LocationUri} /> },
              { label: t('glue.description'), value: data.Description || '—' },
              { label: t('common.created'), value: formatDateTime(i18n.language, data.CreateTime) },
              { label: t('glue.catalogId'), value: <code>{data.CatalogId}</code> },
              {
                label: t('glue.crawlersHere'),
                value:
                  feeding.length === 0 ? (
                    '—'
                  ) : (
                    <span className="chips">
                      {feeding.map((crawler) => (
                        <a
                          key={crawler.Name}
                          className="chip chip-action"
                          href={pageHref('glue', 'crawlers', crawler.Name ?? '')}
                        >
                          <CrawlerIcon />
                          {crawler.Name}
                        </a>
                      ))}
                    </span>
                  ),
              },
            ]}
          />
        )}
      </Card>
      <Card
        title={t('glue.tablesIn', { name })}
        lead={t('glue.tableCount', { count: tableList.length })}
        actions={<RefreshButton onClick={tables.reload} />}
      >
        <ErrorNotice error={tables.error} />
        <ResourceTable
          label={t('glue.tablesIn', { name })}
          rows={tableList}
          rowKey={(table) => table.Name ?? ''}
          nameHeader={t('common.name')}
          name={(table) => table.Name}
          href={(table) => pageHref('glue', 'tables', name, table.Name ?? '')}
          columns={[
            {
              id: 'classification',
              header: t('glue.classification'),
              cell: (table) => table.Parameters?.classification ?? '—',
            },
            {
              id: 'columns',
              header: t('glue.columns'),
              cell: (table) => formatNumber(i18n.language, table.StorageDescriptor?.Columns?.length ?? 0),
              className: 'numeric',
            },
            {
              id: 'updated',
              header: t('glue.updated'),
              cell: (table) => formatDateTime(i18n.language, table.UpdateTime ?? table.CreateTime),
              className: 'nowrap cell-muted',
            },
          ]}
          empty={tables.loading ? t('common.loading') : t('glue.noTablesYet')}
        />
      </Card>
      {deleting && (
        <DeleteDialog
          title={t('glue.deleteDatabaseTitle', { name })}
          onClose={() => setDeleting(false)}
          onDelete={() => sendOrThrow(bridge, 'glue', 'DeleteDatabase', { Name: name })}
          onDeleted={onDeleted}
        >
          <p>{t('glue.deleteDatabaseText')}</p>
          {tableList.length > 0 && (
            <p className="notice notice-warning">
              {t('glue.deleteDatabaseTables', { count: tableList.length })}
            </p>
          )}
        </DeleteDialog>
      )}
    </div>
  );
}

function CreateDatabaseDialog({ onClose, onCreated }: { onClose(): void; onCreated(name: string): void }) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const [name, setName] = useState(LAB_DATABASE);
  const [description, setDescription] = useState('');
  const [location, setLocation] = useState('');
  const [touched, setTouched] = useState(false);
  const task = useTask();
  const invalid = !DATABASE_NAME.test(name);

  const submit = () => {
    setTouched(true);
    if (invalid) return;
    void task.run(async () => {
      await sendOrThrow(bridge, 'glue', 'CreateDatabase', {
        DatabaseInput: {
          Name: name,
          Description: description || undefined,
          LocationUri: location || undefined,
        },
      });
      onCreated(name);
    });
  };

  return (
    <FormDialog
      title={t('glue.createDatabase')}
      description={t('glue.createDatabaseLead')}
      submitLabel={t('glue.createDatabase')}
      task={task}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextField
        label={t('common.name')}
        value={name}
        onChange={setName}
        invalid={touched && invalid}
        rule={t('glue.databaseNameRule')}
      />
      <label className="field">
        <span className="field-label">{t('glue.description')}</span>
        <input
          className="text-input"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('glue.locationOptional')}</span>
        <input
          className="text-input mono"
          value={location}
          placeholder="s3://…/"
          onChange={(event) => setLocation(event.target.value)}
          spellCheck={false}
        />
      </label>
    </FormDialog>
  );
}
