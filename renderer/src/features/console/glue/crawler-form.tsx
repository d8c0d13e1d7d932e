import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery } from '../../../api/cloud-sdk';
import { pageHref } from '../../../app/use-route';
import { FormDialog } from '../ui/form-dialog';
import { useTask } from '../ui/task';
import { S3_URI } from '../ui/s3-uri';
import { TextField } from '../ui/text-field';
import {
  inheritsFromTable,
  parseExclusions,
  schemaChangePolicyFor,
  withInheritFromTable,
  type RecrawlBehavior,
} from './crawler-config';
import type { Crawler } from './crawlers';
import { LAB_DATABASE } from './databases';

/** AWS: a crawler's name is one line of 1–255 characters; the lab's are letters, digits, `_`, `-`. */
const CRAWLER_NAME = /^[a-zA-Z0-9_.-]{1,255}$/;
/** Lesson 06's crawler. */
const LAB_CRAWLER = 'weather_datalake_crawler';

/**
 * Create a crawler (lesson 06's settings a click away), or edit one: its data source, sampling,
 * what later runs crawl, and the partitions option that prevents HIVE_PARTITION_SCHEMA_MISMATCH.
 */
export function CrawlerForm({
  crawler,
  onClose,
  onSaved,
}: {
  /** Absent: a new crawler. */
  crawler?: Crawler;
  onClose(): void;
  onSaved(name: string): void;
}) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const identity = useCloudQuery('sts', 'GetCallerIdentity', {});
  const databases = useCloudQuery('glue', 'GetDatabases', { MaxResults: 100 });
  const buckets = useCloudQuery('s3', 'ListBuckets', {});
  const sampleRuleId = useId();
  const target = crawler?.Targets?.S3Targets?.[0];
  const [name, setName] = useState(crawler?.Name ?? '');
  const [role, setRole] = useState(crawler?.Role ?? '');
  const [database, setDatabase] = useState(crawler?.DatabaseName ?? '');
  const [prefix, setPrefix] = useState(crawler?.TablePrefix ?? '');
  const [path, setPath] = useState(target?.Path ?? '');
  const [exclusions, setExclusions] = useState((target?.Exclusions ?? []).join('\n'));
  const [sample, setSample] = useState(target?.SampleSize ? String(target.SampleSize) : '');
  const [recrawl, setRecrawl] = useState<RecrawlBehavior>(
    crawler?.RecrawlPolicy?.RecrawlBehavior === 'CRAWL_NEW_FOLDERS_ONLY'
      ? 'CRAWL_NEW_FOLDERS_ONLY'
      : 'CRAWL_EVERYTHING',
  );
  const [inherit, setInherit] = useState(inheritsFromTable(crawler?.Configuration));
  const [touched, setTouched] = useState(false);
  const task = useTask();

  const account = identity.data?.Account;
  const labRole = account ? `arn:aws:iam::${account}:role/LabRole` : '';
  const databaseNames = (databases.data?.DatabaseList ?? []).flatMap((d) => (d.Name ? [d.Name] : []));
  const lake = (buckets.data?.Buckets ?? []).find((b) => b.Name?.startsWith('iot-tutorial-datalake'))?.Name;
  const chosenRole = role || labRole;
  const chosenDatabase = database || databaseNames[0] || '';
  const sampleSize = sample.trim() === '' ? undefined : Number(sample);
  const problems = {
    name: !CRAWLER_NAME.test(name),
    path: !S3_URI.test(path.trim()),
    sample:
      sampleSize !== undefined && !(Number.isInteger(sampleSize) && sampleSize >= 1 && sampleSize <= 249),
  };
  const invalid = problems.name || problems.path || problems.sample || !chosenRole || !chosenDatabase;

  const fillLab = () => {
    if (!crawler) setName(LAB_CRAWLER);
    if (databaseNames.includes(LAB_DATABASE)) setDatabase(LAB_DATABASE);
    if (lake) setPath(`s3://${lake}/`);
    setExclusions('sensor/**');
    setSample('10');
    setRecrawl('CRAWL_NEW_FOLDERS_ONLY');
  };

  const submit = () => {
    setTouched(true);
    if (invalid) return;
    const settings = {
      Name: name,
      Role: chosenRole,
      DatabaseName: chosenDatabase,
      TablePrefix: prefix.trim() || undefined,
      Targets: {
        S3Targets: [{ Path: path.trim(), Exclusions: parseExclusions(exclusions), SampleSize: sampleSize }],
      },
      RecrawlPolicy: { RecrawlBehavior: recrawl },
      SchemaChangePolicy: schemaChangePolicyFor(recrawl, crawler?.SchemaChangePolicy),
    };
    void task.run(async () => {
      if (crawler) {
        // Clearing the option on an existing crawler needs a Configuration that says so.
        const configuration =
          withInheritFromTable(crawler.Configuration, inherit) ??
          (crawler.Configuration ? '{"Version":1.0}' : undefined);
        await sendOrThrow(bridge, 'glue', 'UpdateCrawler', { ...settings, Configuration: configuration });
      } else {
        await sendOrThrow(bridge, 'glue', 'CreateCrawler', {
          ...settings,
          Configuration: withInheritFromTable(undefined, inherit),
        });
      }
      onSaved(name);
    });
  };

  const title = crawler ? t('glue.editCrawler', { name: crawler.Name }) : t('glue.createCrawler');
  return (
    <FormDialog
      title={title}
      description={crawler ? t('glue.editCrawlerLead') : t('glue.createCrawlerLead')}
      submitLabel={crawler ? t('glue.save') : t('glue.createCrawler')}
      task={task}
      disabled={!chosenRole}
      onClose={onClose}
      onSubmit={submit}
      size="wide"
    >
      <div>
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={fillLab}
          disabled={buckets.loading || databases.loading}
        >
          {t('glue.labValues')}
        </button>
      </div>
      <div className="form-grid">
        <TextField
          label={t('common.name')}
          value={name}
          onChange={setName}
          invalid={touched && problems.name}
          rule={t('glue.crawlerNameRule')}
          readOnly={crawler !== undefined}
        />
        <label className="field">
          <span className="field-label">{t('glue.role')}</span>
          <input
            className="text-input mono"
            value={chosenRole}
            placeholder="LabRole"
            onChange={(event) => setRole(event.target.value)}
            spellCheck={false}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('glue.targetDatabase')}</span>
          <select
            className="text-input"
            value={chosenDatabase}
            onChange={(event) => setDatabase(event.target.value)}
          >
            {databaseNames.length === 0 && <option value="">{t('glue.noDatabases')}</option>}
            {databaseNames.map((db) => (
              <option key={db} value={db}>
                {db}
              </option>
            ))}
          </select>
          {databaseNames.length === 0 && !databases.loading && (
            <span className="field-error">
              {t('glue.needDatabase')} <a href={pageHref('glue', 'databases')}>{t('glue.tabs.databases')}</a>
            </span>
          )}
        </label>
        <label className="field">
          <span className="field-label">{t('glue.tablePrefixOptional')}</span>
          <input
            className="text-input mono"
            value={prefix}
            onChange={(event) => setPrefix(event.target.value)}
            spellCheck={false}
          />
        </label>
        <TextField
          label={t('glue.s3Path')}
          value={path}
          onChange={setPath}
          invalid={touched && problems.path}
          rule={t('glue.s3PathHint')}
          placeholder={lake ? `s3://${lake}/` : 's3://bucket/prefix/'}
          className="span-2"
        />
        <label className="field">
          <span className="field-label">{t('glue.exclusions')}</span>
          <textarea
            className="text-input mono"
            rows={2}
            value={exclusions}
            placeholder="sensor/**"
            onChange={(event) => setExclusions(event.target.value)}
            spellCheck={false}
          />
          <span className="field-hint">{t('glue.exclusionsHint')}</span>
        </label>
        <label className="field">
          <span className="field-label">{t('glue.sampleSize')}</span>
          <input
            type="number"
            className="text-input"
            min={1}
            max={249}
            value={sample}
            placeholder={t('glue.sampleAllShort')}
            onChange={(event) => setSample(event.target.value)}
            aria-invalid={touched && problems.sample ? 'true' : undefined}
            aria-describedby={sampleRuleId}
          />
          <span id={sampleRuleId} className={touched && problems.sample ? 'field-error' : 'field-hint'}>
            {t('glue.sampleSizeHint')}
          </span>
        </label>
        <fieldset className="field span-2">
          <legend className="field-label">{t('glue.recrawl')}</legend>
          {(['CRAWL_EVERYTHING', 'CRAWL_NEW_FOLDERS_ONLY'] as const).map((option) => (
            <label key={option} className="checkbox">
              <input
                type="radio"
                name="recrawl"
                checked={recrawl === option}
                onChange={() => setRecrawl(option)}
              />
              {t(`glue.recrawlValue.${option}`)}
            </label>
          ))}
          <span className="field-hint">{t('glue.recrawlHint')}</span>
        </fieldset>
        <div className="field span-2">
          <label className="checkbox">
            <input type="checkbox" checked={inherit} onChange={(event) => setInherit(event.target.checked)} />
            {t('glue.inheritLabel')}
          </label>
          <span className="field-hint">{t('glue.inheritHint')}</span>
        </div>
        <p className="field-hint span-2">{t('glue.scheduleOnDemand')}</p>
      </div>
    </FormDialog>
  );
}
