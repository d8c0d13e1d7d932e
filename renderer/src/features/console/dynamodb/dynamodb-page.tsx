import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import {
  errorInfoOf,
  sendOrThrow,
  useCloudQuery,
  type CloudInput,
  type CloudOutput,
} from '../../../api/cloud-sdk';
import type { ApiErrorInfo } from '../../../api/contract';
import { navigate, pageHref, useSubPath } from '../../../app/use-route';
import { Dialog } from '../../../components/dialog';
import { SearchIcon, TableIcon } from '../../../components/icons';
import { JsonView } from '../../../components/json-view';
import { StatusPill } from '../../../components/status-pill';
import { BusyButton } from '../ui/busy-button';
import { DeleteButton, RefreshButton } from '../ui/buttons';
import { Card } from '../ui/card';
import { ConsolePage, ListDetail } from '../ui/console-page';
import { DeleteDialog } from '../ui/delete-dialog';
import { Details } from '../ui/details';
import { ErrorNotice } from '../ui/error-notice';
import { FormDialog } from '../ui/form-dialog';
import { formatBytes, formatDateTime, formatNumber } from '../ui/format';
import { LoadingLine } from '../ui/loading-line';
import { Pager } from '../ui/pager';
import { ListCard } from '../ui/list-card';
import { ResourceTable } from '../ui/resource-table';
import { useTask } from '../ui/task';
import { usePolling } from '../ui/use-polling';
import {
  cellText,
  columnsOf,
  itemToPlain,
  keyValue,
  type AttributeValue,
  type Item,
} from './attribute-values';

const PAGE_SIZE = 25;
const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

type Table = NonNullable<CloudOutput<'dynamodb', 'DescribeTable'>['Table']>;
type KeyType = 'S' | 'N' | 'B';
type SortOperator = 'none' | '=' | '<' | '<=' | '>' | '>=' | 'between' | 'begins_with';
const SORT_OPERATORS: readonly SortOperator[] = ['none', '=', '<', '<=', '>', '>=', 'between', 'begins_with'];

function statusTone(status: string | undefined) {
  return status === 'ACTIVE' ? 'success' : status === 'DELETING' ? 'danger' : 'warning';
}

/** Amazon DynamoDB as its console shows it: `#/dynamodb/<table>`. */
export function DynamoDbPage() {
  const { t } = useTranslation('console');
  const [selected = ''] = useSubPath();
  const tables = useCloudQuery('dynamodb', 'ListTables', { Limit: 100 });
  const [creating, setCreating] = useState(false);
  return (
    <ConsolePage title={t('dynamodb.title')} lead={t('dynamodb.lead')}>
      <ListDetail
        layout="narrow"
        selected={selected || undefined}
        placeholder={t('dynamodb.select')}
        icon={<TableIcon />}
        list={
          <ListCard
            icon={<TableIcon />}
            title={t('dynamodb.tables')}
            list={tables}
            create={{ label: t('dynamodb.create'), onClick: () => setCreating(true), compact: true }}
          >
            <ResourceTable
              label={t('dynamodb.tables')}
              rows={tables.data?.TableNames ?? []}
              rowKey={(name) => name}
              nameHeader={t('common.name')}
              name={(name) => (
                <>
                  <TableIcon />
                  {name}
                </>
              )}
              href={(name) => pageHref('dynamodb', name)}
              selectedKey={selected}
              columns={[]}
              empty={tables.loading ? t('common.loading') : t('dynamodb.none')}
            />
          </ListCard>
        }
        detail={(name) => (
          <TableView
            key={name}
            tableName={name}
            onDeleted={() => {
              tables.reload();
              navigate('dynamodb');
            }}
          />
        )}
      />
      {creating && (
        <CreateTableDialog
          onClose={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            tables.reload();
            navigate('dynamodb', name);
          }}
        />
      )}
    </ConsolePage>
  );
}

function keysOf(table: Table | undefined) {
  const typeOf = (name: string | undefined): KeyType =>
    (table?.AttributeDefinitions?.find((d) => d.AttributeName === name)?.AttributeType as
      KeyType | undefined) ?? 'S';
  const partition = table?.KeySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
  const sort = table?.KeySchema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  return {
    partition: partition ? { name: partition, type: typeOf(partition) } : undefined,
    sort: sort ? { name: sort, type: typeOf(sort) } : undefined,
  };
}

function TableView({ tableName, onDeleted }: { tableName: string; onDeleted(): void }) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const described = useCloudQuery('dynamodb', 'DescribeTable', { TableName: tableName });
  const [deleting, setDeleting] = useState(false);
  const table = described.data?.Table;
  const keys = keysOf(table);
  const { reload } = described;
  const status = table?.TableStatus;

  // A table being created or deleted: its status, every second until it settles.
  usePolling(reload, status !== undefined && status !== 'ACTIVE');

  if (described.error) return <ErrorNotice error={described.error} />;
  const keyText = (key: { name: string; type: KeyType } | undefined) =>
    key ? `${key.name} (${t(`dynamodb.type.${key.type}`)})` : '—';
  return (
    <div className="stack">
      <Card
        icon={<TableIcon />}
        title={tableName}
        badge={status && <StatusPill tone={statusTone(status)}>{status}</StatusPill>}
        actions={<DeleteButton onClick={() => setDeleting(true)} />}
      >
        {table && (
          <Details
            items={[
              { label: t('common.arn'), value: <code>{table.TableArn}</code>, copy: table.TableArn },
              { label: t('dynamodb.partitionKey'), value: <code>{keyText(keys.partition)}</code> },
              { label: t('dynamodb.sortKey'), value: <code>{keyText(keys.sort)}</code> },
              { label: t('dynamodb.itemCount'), value: formatNumber(i18n.language, table.ItemCount ?? 0) },
              { label: t('dynamodb.size'), value: formatBytes(i18n.language, table.TableSizeBytes ?? 0) },
              {
                label: t('dynamodb.billing'),
                value: table.BillingModeSummary?.BillingMode ?? 'PROVISIONED',
              },
              { label: t('common.created'), value: formatDateTime(i18n.language, table.CreationDateTime) },
            ]}
          />
        )}
        {status && status !== 'ACTIVE' && <LoadingLine>{t('dynamodb.waiting', { status })}</LoadingLine>}
      </Card>
      {table && keys.partition && status === 'ACTIVE' && (
        <ItemsExplorer tableName={tableName} partition={keys.partition} sort={keys.sort} />
      )}
      {deleting && (
        <DeleteDialog
          title={t('dynamodb.deleteTitle', { name: tableName })}
          onClose={() => setDeleting(false)}
          onDelete={() => sendOrThrow(bridge, 'dynamodb', 'DeleteTable', { TableName: tableName })}
          onDeleted={onDeleted}
        >
          <p>{t('dynamodb.deleteText')}</p>
        </DeleteDialog>
      )}
    </div>
  );
}

interface KeyInfo {
  name: string;
  type: KeyType;
}

type Search =
  | { kind: 'scan' }
  | {
      kind: 'query';
      value: string;
      operator: SortOperator;
      sortValue: string;
      sortValue2: string;
      descending: boolean;
    };

function searchInput(
  tableName: string,
  search: Search,
  partition: KeyInfo,
  sort: KeyInfo | undefined,
  startKey: Item | undefined,
):
  | { kind: 'scan'; input: CloudInput<'dynamodb', 'Scan'> }
  | { kind: 'query'; input: CloudInput<'dynamodb', 'Query'> } {
  const common = {
    TableName: tableName,
    Limit: PAGE_SIZE,
    ExclusiveStartKey: startKey as CloudInput<'dynamodb', 'Scan'>['ExclusiveStartKey'],
  };
  if (search.kind === 'scan') return { kind: 'scan', input: common };
  const names: Record<string, string> = { '#pk': partition.name };
  const values: Record<string, AttributeValue> = { ':pk': keyValue(partition.type, search.value) };
  let condition = '#pk = :pk';
  if (sort && search.operator !== 'none') {
    names['#sk'] = sort.name;
    values[':sk'] = keyValue(sort.type, search.sortValue);
    if (search.operator === 'between') {
      values[':sk2'] = keyValue(sort.type, search.sortValue2);
      condition += ' AND #sk BETWEEN :sk AND :sk2';
    } else if (search.operator === 'begins_with') {
      condition += ' AND begins_with(#sk, :sk)';
    } else {
      condition += ` AND #sk ${search.operator} :sk`;
    }
  }
  return {
    kind: 'query',
    input: {
      ...common,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values as CloudInput<'dynamodb', 'Query'>['ExpressionAttributeValues'],
      ScanIndexForward: !search.descending,
    },
  };
}

interface Page {
  items: Item[];
  count: number;
  scanned: number;
  lastKey?: Item;
}

/** Explore items (Scan) or query by key (partition key, optional sort-key condition), a page at a time. */
function ItemsExplorer({
  tableName,
  partition,
  sort,
}: {
  tableName: string;
  partition: KeyInfo;
  sort?: KeyInfo;
}) {
  const { t, i18n } = useTranslation('console');
  const { bridge } = useApi();
  const [mode, setMode] = useState<'scan' | 'query'>('scan');
  const [search, setSearch] = useState<Search>({ kind: 'scan' });
  const [starts, setStarts] = useState<Array<Item | undefined>>([undefined]);
  const [generation, setGeneration] = useState(0);
  const [answer, setAnswer] = useState<{ key: string; page?: Page; error?: ApiErrorInfo }>({ key: '' });
  const [open, setOpen] = useState<Item | undefined>(undefined);
  const [value, setValue] = useState('');
  const [operator, setOperator] = useState<SortOperator>('none');
  const [sortValue, setSortValue] = useState('');
  const [sortValue2, setSortValue2] = useState('');
  const [descending, setDescending] = useState(false);
  const startKey = starts[starts.length - 1];
  const { name: partitionName, type: partitionType } = partition;
  const sortName = sort?.name;
  const sortType = sort?.type;

  const requestKey = JSON.stringify([tableName, search, startKey, generation]);
  const loading = answer.key !== requestKey;
  const { page, error } = answer;

  useEffect(() => {
    let current = true;
    const key = JSON.stringify([tableName, search, startKey, generation]);
    const request = searchInput(
      tableName,
      search,
      { name: partitionName, type: partitionType },
      sortName && sortType ? { name: sortName, type: sortType } : undefined,
      startKey,
    );
    const sent =
      request.kind === 'scan'
        ? sendOrThrow(bridge, 'dynamodb', 'Scan', request.input)
        : sendOrThrow(bridge, 'dynamodb', 'Query', request.input);
    sent.then(
      (result) => {
        if (!current) return;
        setAnswer({
          key,
          page: {
            items: (result.Items ?? []) as Item[],
            count: result.Count ?? 0,
            scanned: result.ScannedCount ?? 0,
            lastKey: result.LastEvaluatedKey as Item | undefined,
          },
        });
      },
      (caught: unknown) => {
        if (current) setAnswer({ key, error: errorInfoOf(caught) });
      },
    );
    return () => {
      current = false;
    };
  }, [bridge, tableName, search, partitionName, partitionType, sortName, sortType, startKey, generation]);

  const run = (event: FormEvent) => {
    event.preventDefault();
    setStarts([undefined]);
    setSearch(
      mode === 'scan'
        ? { kind: 'scan' }
        : { kind: 'query', value, operator, sortValue, sortValue2, descending },
    );
  };

  const keyNames = [partition.name, ...(sort ? [sort.name] : [])];
  const items = page?.items ?? [];
  const columns = columnsOf(items, keyNames);

  const onRowsKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.row-link')];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index === -1) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  return (
    <Card
      icon={<SearchIcon />}
      title={t('dynamodb.items')}
      lead={t('dynamodb.itemsLead')}
      actions={<RefreshButton onClick={() => setGeneration((value) => value + 1)} />}
    >
      <form className="query-form" onSubmit={run} aria-label={t('dynamodb.search')}>
        <div className="segmented" role="radiogroup" aria-label={t('dynamodb.mode')}>
          {(['scan', 'query'] as const).map((option) => (
            <button
              key={option}
              type="button"
              role="radio"
              aria-checked={mode === option}
              className="segmented-option"
              onClick={() => setMode(option)}
            >
              {t(`dynamodb.${option}`)}
            </button>
          ))}
        </div>
        {mode === 'query' && (
          <div className="toolbar">
            <label className="field grow">
              <span className="field-label">
                {partition.name} <span className="muted">({t(`dynamodb.type.${partition.type}`)})</span>
              </span>
              <input
                className="text-input mono"
                value={value}
                required
                onChange={(event) => setValue(event.target.value)}
              />
            </label>
            {sort && (
              <>
                <label className="field">
                  <span className="field-label">
                    {sort.name} <span className="muted">({t(`dynamodb.type.${sort.type}`)})</span>
                  </span>
                  <select
                    className="text-input"
                    value={operator}
                    onChange={(event) => setOperator(event.target.value as SortOperator)}
                  >
                    {SORT_OPERATORS.map((option) => (
                      <option key={option} value={option}>
                        {t(`dynamodb.operator.${option}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {operator !== 'none' && (
                  <label className="field grow">
                    <span className="field-label">
                      {operator === 'between' ? t('dynamodb.from') : t('dynamodb.value')}
                    </span>
                    <input
                      className="text-input mono"
                      value={sortValue}
                      onChange={(event) => setSortValue(event.target.value)}
                    />
                  </label>
                )}
                {operator === 'between' && (
                  <label className="field grow">
                    <span className="field-label">{t('dynamodb.to')}</span>
                    <input
                      className="text-input mono"
                      value={sortValue2}
                      onChange={(event) => setSortValue2(event.target.value)}
                    />
                  </label>
                )}
                <label className="checkbox toolbar-check">
                  <input
                    type="checkbox"
                    checked={descending}
                    onChange={(event) => setDescending(event.target.checked)}
                  />
                  {t('dynamodb.descending')}
                </label>
              </>
            )}
          </div>
        )}
        <div className="button-row">
          <BusyButton type="submit" busy={loading}>
            {mode === 'scan' ? t('dynamodb.runScan') : t('dynamodb.runQuery')}
          </BusyButton>
          <span className="muted" role="status">
            {page &&
              t('dynamodb.summary', {
                count: page.count,
                returned: formatNumber(i18n.language, page.count),
                scanned: formatNumber(i18n.language, page.scanned),
              })}
          </span>
        </div>
      </form>
      <ErrorNotice error={error} />
      {page && items.length === 0 ? (
        <div className="empty-state">{t('dynamodb.noItems')}</div>
      ) : (
        page && (
          <div className="resource-table-scroll">
            <table className="resource-table items-table" aria-label={t('dynamodb.items')}>
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column} scope="col">
                      {column}
                      {keyNames.includes(column) && (
                        <span className="key-badge">
                          {column === partition.name ? t('dynamodb.pk') : t('dynamodb.sk')}
                        </span>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody onKeyDown={onRowsKeyDown}>
                {items.map((item, index) => (
                  <tr key={index} data-selectable="true" onClick={() => setOpen(item)}>
                    {columns.map((column, columnIndex) =>
                      columnIndex === 0 ? (
                        <th key={column} scope="row">
                          <button
                            type="button"
                            className="row-link link-button"
                            tabIndex={index === 0 ? 0 : -1}
                            aria-label={t('dynamodb.openItem', { key: cellText(item[column]) })}
                          >
                            {cellText(item[column])}
                          </button>
                        </th>
                      ) : (
                        <td key={column} className="cell-mono">
                          {cellText(item[column], 48)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
      {page && (
        <Pager
          page={starts.length}
          hasPrevious={starts.length > 1}
          nextToken={page.lastKey}
          onPrevious={() => setStarts((stack) => stack.slice(0, -1))}
          onNext={() => setStarts((stack) => [...stack, page.lastKey])}
        />
      )}
      {open && <ItemDialog item={open} onClose={() => setOpen(undefined)} />}
    </Card>
  );
}

function ItemDialog({ item, onClose }: { item: Item; onClose(): void }) {
  const { t } = useTranslation('console');
  const [raw, setRaw] = useState(false);
  return (
    <Dialog
      title={t('dynamodb.itemTitle')}
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
      <label className="checkbox">
        <input type="checkbox" checked={raw} onChange={(event) => setRaw(event.target.checked)} />
        {t('dynamodb.dynamoJson')}
      </label>
      <JsonView className="tall" label={t('dynamodb.itemTitle')} value={raw ? item : itemToPlain(item)} />
    </Dialog>
  );
}

function CreateTableDialog({ onClose, onCreated }: { onClose(): void; onCreated(name: string): void }) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const [name, setName] = useState('');
  const [partition, setPartition] = useState<KeyInfo>({ name: '', type: 'S' });
  const [sort, setSort] = useState<KeyInfo>({ name: '', type: 'S' });
  const [touched, setTouched] = useState(false);
  const task = useTask();
  const invalid = !TABLE_NAME.test(name) || !partition.name.trim();

  const submit = () => {
    setTouched(true);
    if (invalid) return;
    const keys = [partition, ...(sort.name.trim() ? [sort] : [])];
    void task.run(async () => {
      await sendOrThrow(bridge, 'dynamodb', 'CreateTable', {
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keys.map((key) => ({
          AttributeName: key.name.trim(),
          AttributeType: key.type,
        })),
        KeySchema: keys.map((key, index) => ({
          AttributeName: key.name.trim(),
          KeyType: index === 0 ? ('HASH' as const) : ('RANGE' as const),
        })),
      });
      onCreated(name);
    });
  };

  const keyFields = (label: string, key: KeyInfo, change: (key: KeyInfo) => void) => (
    <div className="attach-row">
      <input
        className="text-input mono"
        aria-label={label}
        placeholder={label}
        value={key.name}
        onChange={(event) => change({ ...key, name: event.target.value })}
      />
      <select
        className="text-input key-type"
        aria-label={t('dynamodb.typeOf', { key: label })}
        value={key.type}
        onChange={(event) => change({ ...key, type: event.target.value as KeyType })}
      >
        {(['S', 'N', 'B'] as const).map((type) => (
          <option key={type} value={type}>
            {t(`dynamodb.type.${type}`)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <FormDialog
      title={t('dynamodb.create')}
      description={t('dynamodb.createLead')}
      submitLabel={t('dynamodb.create')}
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
          aria-invalid={touched && !TABLE_NAME.test(name) ? 'true' : undefined}
          spellCheck={false}
        />
        {touched && !TABLE_NAME.test(name) && <span className="field-error">{t('dynamodb.nameRule')}</span>}
      </label>
      <div className="field">
        <span className="field-label">{t('dynamodb.partitionKey')}</span>
        {keyFields(t('dynamodb.partitionKey'), partition, setPartition)}
      </div>
      <div className="field">
        <span className="field-label">{t('dynamodb.sortKeyOptional')}</span>
        {keyFields(t('dynamodb.sortKey'), sort, setSort)}
      </div>
      <div>
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => {
            setPartition({ name: 'weather_station', type: 'S' });
            setSort({ name: 'time', type: 'S' });
          }}
        >
          {t('dynamodb.labKeys')}
        </button>
      </div>
    </FormDialog>
  );
}
