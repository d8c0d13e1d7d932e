import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery, type CloudOutput } from '../../../api/cloud-sdk';
import { navigate, pageHref } from '../../../app/use-route';
import { TableIcon } from '../../../components/icons';
import { DeleteButton, RefreshButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ListDetail } from '../ui/console-page';
import { DeleteDialog } from '../ui/delete-dialog';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { formatBytes, formatDateTime, formatNumber } from '../ui/format';
import { Pager, usePager } from '../ui/pager';
import { ResourceTable } from '../ui/resource-table';
import { ColumnsIcon, CrawlerIcon } from './icons';
import { PartitionsCard } from './partitions';
import { S3Location } from './s3-location';
import { SchemaTable } from './schema-view';

export type GlueTable = NonNullable<CloudOutput<'glue', 'GetTable'>['Table']>;

/** Tables of one database (`#/glue/tables/<database>/<table>/<partition values>`). */
export function TablesView({
  database,
  table,
  partition,
}: {
  database: string | undefined;
  table: string | undefined;
  partition: string | undefined;
}) {
  const { t, i18n } = useTranslation('console');
  const databases = useCloudQuery('glue', 'GetDatabases', { MaxResults: 100 });
  const names = (databases.data?.DatabaseList ?? []).flatMap((d) => (d.Name ? [d.Name] : []));
  // No database in the address: the first one's tables.
  const current = database ?? names[0];
  const pager = usePager<string>();
  const tables = useCloudQuery(
    'glue',
    'GetTables',
    current ? { DatabaseName: current, MaxResults: 50, NextToken: pager.token } : null,
  );

  return (
    <ListDetail
      layout="narrow"
      selected={current && table ? table : undefined}
      placeholder={t('glue.selectTable')}
      icon={<TableIcon />}
      list={
        <Card
          icon={<TableIcon />}
          title={t('glue.tables')}
          actions={<RefreshButton onClick={tables.reload} />}
        >
          <label className="field table-database">
            <span className="field-label">{t('glue.database')}</span>
            <select
              className="text-input"
              value={current ?? ''}
              onChange={(event) => {
                pager.reset();
                navigate('glue', 'tables', event.target.value);
              }}
            >
              {names.length === 0 && <option value="">{t('glue.noDatabases')}</option>}
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <ErrorNotice error={databases.error ?? tables.error} />
          <ResourceTable
            label={t('glue.tables')}
            wrapNames
            rows={tables.data?.TableList ?? []}
            rowKey={(row) => row.Name ?? ''}
            nameHeader={t('common.name')}
            name={(row) => row.Name}
            href={(row) => pageHref('glue', 'tables', current ?? '', row.Name ?? '')}
            selectedKey={table}
            columns={[
              {
                id: 'updated',
                header: t('glue.updated'),
                cell: (row) => formatDateTime(i18n.language, row.UpdateTime ?? row.CreateTime),
                className: 'cell-muted',
              },
            ]}
            empty={tables.loading || databases.loading ? t('common.loading') : t('glue.noTables')}
          />
          <Pager
            page={pager.page}
            hasPrevious={pager.page > 1}
            nextToken={tables.data?.NextToken}
            onPrevious={pager.previous}
            onNext={() => tables.data?.NextToken && pager.next(tables.data.NextToken)}
          />
        </Card>
      }
      detail={(name) => (
        <TableDetail
          key={`${current}/${name}`}
          database={current ?? ''}
          name={name}
          partition={partition}
          onDeleted={() => {
            tables.reload();
            navigate('glue', 'tables', current ?? '');
          }}
        />
      )}
    />
  );
}

function TableDetail({
  database,
  name,
  partition,
  onDeleted,
}: {
  database: string;
  name: string;
  partition: string | undefined;
  onDeleted(): void;
}) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const described = useCloudQuery('glue', 'GetTable', { DatabaseName: database, Name: name });
  const [deleting, setDeleting] = useState(false);
  const table = described.data?.Table;
  if (described.error) return <ErrorNotice error={described.error} />;
  const parameters = table?.Parameters ?? {};
  const language = i18n.language;
  const count = (key: string) =>
    parameters[key] === undefined ? undefined : formatNumber(language, Number(parameters[key]));
  const crawler = parameters.UPDATED_BY_CRAWLER;
  const storage = table?.StorageDescriptor;
  const columns = storage?.Columns ?? [];
  const keys = table?.PartitionKeys ?? [];

  return (
    <div className="stack">
      <Card
        icon={<TableIcon />}
        title={name}
        actions={
          <>
            <RefreshButton onClick={described.reload} />
            <DeleteButton onClick={() => setDeleting(true)} />
          </>
        }
      >
        {table && (
          <>
            <Details
              items={[
                {
                  label: t('glue.database'),
                  value: <a href={pageHref('glue', 'databases', database)}>{database}</a>,
                },
                { label: t('glue.location'), value: <S3Location uri={storage?.Location} /> },
                { label: t('glue.classification'), value: parameters.classification ?? '—' },
                count('recordCount') !== undefined && {
                  label: t('glue.recordCount'),
                  value: count('recordCount'),
                },
                count('objectCount') !== undefined && {
                  label: t('glue.objectCount'),
                  value: count('objectCount'),
                },
                parameters.sizeKey !== undefined && {
                  label: t('glue.size'),
                  value: formatBytes(language, Number(parameters.sizeKey)),
                },
                parameters.averageRecordSize !== undefined && {
                  label: t('glue.averageRecordSize'),
                  value: formatBytes(language, Number(parameters.averageRecordSize)),
                },
                {
                  label: t('glue.updatedBy'),
                  value: crawler ? (
                    <a className="chip chip-action" href={pageHref('glue', 'crawlers', crawler)}>
                      <CrawlerIcon />
                      {crawler}
                    </a>
                  ) : (
                    (table.CreatedBy ?? '—')
                  ),
                },
                { label: t('common.created'), value: formatDateTime(language, table.CreateTime) },
                { label: t('glue.updated'), value: formatDateTime(language, table.UpdateTime) },
              ]}
            />
            <details className="table-properties">
              <summary>{t('glue.storage')}</summary>
              <Details
                items={[
                  { label: t('glue.tableType'), value: table.TableType ?? '—' },
                  { label: t('glue.inputFormat'), value: <code>{storage?.InputFormat ?? '—'}</code> },
                  { label: t('glue.outputFormat'), value: <code>{storage?.OutputFormat ?? '—'}</code> },
                  {
                    label: t('glue.serde'),
                    value: <code>{storage?.SerdeInfo?.SerializationLibrary ?? '—'}</code>,
                  },
                  { label: t('glue.compressed'), value: storage?.Compressed ? t('glue.yes') : t('glue.no') },
                ]}
              />
            </details>
            <details className="table-properties">
              <summary>{t('glue.properties', { count: Object.keys(parameters).length })}</summary>
              <Details
                items={Object.entries(parameters)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([key, value]) => ({ label: key, value: <code>{value}</code> }))}
              />
            </details>
          </>
        )}
      </Card>
      {table && (
        <Card
          icon={<ColumnsIcon />}
          title={t('glue.schema')}
          lead={t('glue.schemaLead', { columns: columns.length, keys: keys.length })}
        >
          <SchemaTable label={t('glue.schemaOf', { name })} columns={columns} partitionKeys={keys} />
        </Card>
      )}
      {table && keys.length > 0 && <PartitionsCard database={database} table={table} selected={partition} />}
      {deleting && (
        <DeleteDialog
          title={t('glue.deleteTableTitle', { name })}
          onClose={() => setDeleting(false)}
          onDelete={() => sendOrThrow(bridge, 'glue', 'DeleteTable', { DatabaseName: database, Name: name })}
          onDeleted={onDeleted}
        >
          <p>{t('glue.deleteTableText')}</p>
        </DeleteDialog>
      )}
    </div>
  );
}
