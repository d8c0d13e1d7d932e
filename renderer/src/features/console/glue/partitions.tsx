import { useTranslation } from 'react-i18next';
import { useCloudQuery, type CloudOutput } from '../../../api/cloud-sdk';
import { pageHref } from '../../../app/use-route';
import { StatusPill } from '../../../components/status-pill';
import { RefreshButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { formatDateTime, formatNumber } from '../ui/format';
import { Pager, usePager } from '../ui/pager';
import { ResourceTable } from '../ui/resource-table';
import type { SchemaComparison } from './glue-types';
import { PartitionIcon } from './icons';
import { S3Location } from './s3-location';
import { partitionComparison, SchemaDifferences, SchemaTable } from './schema-view';
import type { GlueTable } from './tables';

type Partition = NonNullable<CloudOutput<'glue', 'GetPartitions'>['Partitions']>[number];

const PAGE_SIZE = 100;
/** A partition's place in the address: its values joined (folder names hold no `/`). */
const valuesKey = (partition: Partition) => (partition.Values ?? []).join('/');

/**
 * The table's partitions, each with its own schema: where one differs from the table's, Athena
 * may fail with HIVE_PARTITION_SCHEMA_MISMATCH, so the difference is shown where it is.
 */
export function PartitionsCard({
  database,
  table,
  selected,
}: {
  database: string;
  table: GlueTable;
  selected: string | undefined;
}) {
  const { t, i18n } = useTranslation('console');
  const pager = usePager<string>();
  const name = table.Name ?? '';
  const partitions = useCloudQuery('glue', 'GetPartitions', {
    DatabaseName: database,
    TableName: name,
    MaxResults: PAGE_SIZE,
    NextToken: pager.token,
  });
  const rows = partitions.data?.Partitions ?? [];
  const tableColumns = table.StorageDescriptor?.Columns;
  const comparisons = new Map(
    rows.map((row) => [valuesKey(row), partitionComparison(tableColumns, row.StorageDescriptor?.Columns)]),
  );
  const differing = [...comparisons.values()].filter((comparison) => comparison.differences.length > 0);
  const failing = differing.filter((comparison) => !comparison.athenaReads).length;
  const keys = (table.PartitionKeys ?? []).map((key) => key.Name ?? '');
  const open = rows.find((row) => valuesKey(row) === selected);
  const crawler = table.Parameters?.UPDATED_BY_CRAWLER;

  return (
    <>
      <Card
        icon={<PartitionIcon />}
        title={t('glue.partitions')}
        lead={t('glue.partitionsLead', { keys: keys.join(', ') })}
        actions={<RefreshButton onClick={partitions.reload} />}
      >
        <ErrorNotice error={partitions.error} />
        {differing.length > 0 && (
          <div className={`notice ${failing > 0 ? 'notice-danger' : 'notice-warning'}`} role="note">
            <p>
              {failing > 0
                ? t('glue.mismatchSummary', { count: failing })
                : t('glue.differSummary', { count: differing.length })}
            </p>
            {failing > 0 && (
              <p>
                {t('glue.mismatchFix')}{' '}
                {crawler && (
                  <a href={pageHref('glue', 'crawlers', crawler)}>
                    {t('glue.openCrawler', { name: crawler })}
                  </a>
                )}
              </p>
            )}
          </div>
        )}
        <ResourceTable
          label={t('glue.partitionsOf', { name })}
          rows={rows}
          rowKey={valuesKey}
          nameHeader={keys.join(' / ')}
          name={(row) => <span className="mono">{(row.Values ?? []).join(' / ')}</span>}
          href={(row) => pageHref('glue', 'tables', database, name, valuesKey(row))}
          selectedKey={selected}
          columns={[
            {
              id: 'schema',
              header: t('glue.schema'),
              cell: (row) => <SchemaPill comparison={comparisons.get(valuesKey(row))} />,
            },
            {
              id: 'records',
              header: t('glue.records'),
              cell: (row) => countOf(i18n.language, row.Parameters?.recordCount),
              className: 'numeric',
            },
            {
              id: 'objects',
              header: t('glue.objects'),
              cell: (row) => countOf(i18n.language, row.Parameters?.objectCount),
              className: 'numeric',
            },
          ]}
          empty={partitions.loading ? t('common.loading') : t('glue.noPartitions')}
        />
        <Pager
          page={pager.page}
          hasPrevious={pager.page > 1}
          nextToken={partitions.data?.NextToken}
          onPrevious={pager.previous}
          onNext={() => partitions.data?.NextToken && pager.next(partitions.data.NextToken)}
          summary={t('glue.partitionCount', { count: rows.length })}
        />
      </Card>
      {open && (
        <PartitionDetail
          partition={open}
          keys={keys}
          comparison={comparisons.get(valuesKey(open)) ?? partitionComparison(tableColumns, tableColumns)}
        />
      )}
    </>
  );
}

function countOf(language: string, value: string | undefined): string {
  return value === undefined ? '—' : formatNumber(language, Number(value));
}

function SchemaPill({ comparison }: { comparison: SchemaComparison | undefined }) {
  const { t } = useTranslation('console');
  if (!comparison || comparison.differences.length === 0) {
    return <StatusPill tone="success">{t('glue.asTable')}</StatusPill>;
  }
  return comparison.athenaReads ? (
    <StatusPill tone="warning">{t('glue.differs')}</StatusPill>
  ) : (
    <StatusPill tone="danger">{t('glue.mismatch')}</StatusPill>
  );
}

function PartitionDetail({
  partition,
  keys,
  comparison,
}: {
  partition: Partition;
  keys: string[];
  comparison: SchemaComparison;
}) {
  const { t, i18n } = useTranslation('console');
  const values = partition.Values ?? [];
  const title = t('glue.partitionTitle', { values: values.join(' / ') });
  const storage = partition.StorageDescriptor;
  return (
    <Card icon={<PartitionIcon />} title={title} badge={<SchemaPill comparison={comparison} />}>
      <Details
        items={[
          ...keys.map((key, index) => ({ label: key, value: <code>{values[index]}</code> })),
          { label: t('glue.location'), value: <S3Location uri={storage?.Location} /> },
          { label: t('glue.recordCount'), value: countOf(i18n.language, partition.Parameters?.recordCount) },
          { label: t('glue.objectCount'), value: countOf(i18n.language, partition.Parameters?.objectCount) },
          { label: t('common.created'), value: formatDateTime(i18n.language, partition.CreationTime) },
        ]}
      />
      <h3 className="section-title">{t('glue.partitionSchema')}</h3>
      <SchemaDifferences comparison={comparison} />
      <SchemaTable
        label={t('glue.schemaOf', { name: title })}
        columns={storage?.Columns ?? []}
        comparison={comparison}
      />
    </Card>
  );
}
