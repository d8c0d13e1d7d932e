import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-provider';
import { sendOrThrow, useCloudQuery, type CloudOutput } from '../../../api/cloud-sdk';
import type { RuleSqlValidation, RuleSqlVersion } from '../../../api/contract';
import { CodeEditor } from '../../../components/code-editor';
import { CloseIcon, PlusIcon } from '../../../components/icons';
import { FormDialog } from '../ui/form-dialog';
import { useTask } from '../ui/task';
import {
  ACTION_KINDS,
  SEPARATORS,
  draftOf,
  newAction,
  roleOf,
  toSdkAction,
  type ActionDraft,
  type ActionKind,
} from './rule-actions';

type StoredRule = NonNullable<CloudOutput<'iot', 'GetTopicRule'>['rule']>;

const RULE_NAME = /^[a-zA-Z0-9_]{1,128}$/;
const SQL_VERSIONS: readonly RuleSqlVersion[] = ['2016-03-23', '2015-10-08', 'beta'];
const LAB_SQL = "SELECT * FROM 'sensor/weather'";

/** The SQL as CreateTopicRule would judge it, asked of main (the engine's own parser) as you type. */
function useSqlValidation(sql: string, sqlVersion: RuleSqlVersion): RuleSqlValidation | undefined {
  const { bridge } = useApi();
  const [validation, setValidation] = useState<RuleSqlValidation | undefined>(undefined);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void bridge.invoke('rules.validateSql', { sql, sqlVersion }).then((result) => {
        if (current && result.ok) setValidation(result.value);
      });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [bridge, sql, sqlVersion]);
  return validation;
}

export function RuleEditorDialog({
  rule,
  accountId,
  onClose,
  onSaved,
}: {
  /** Given: ReplaceTopicRule on this rule. */
  rule?: StoredRule;
  accountId: string;
  onClose(): void;
  onSaved(name: string): void;
}) {
  const { t } = useTranslation('console');
  const { bridge } = useApi();
  const [name, setName] = useState(rule?.ruleName ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [sql, setSql] = useState(rule?.sql ?? LAB_SQL);
  const [sqlVersion, setSqlVersion] = useState<RuleSqlVersion>(
    (SQL_VERSIONS as readonly string[]).includes(rule?.awsIotSqlVersion ?? '')
      ? (rule?.awsIotSqlVersion as RuleSqlVersion)
      : '2016-03-23',
  );
  const [roleArn, setRoleArn] = useState(roleOf(rule, accountId));
  const [actions, setActions] = useState<ActionDraft[]>(() =>
    rule?.actions?.length ? rule.actions.map(draftOf) : [newAction('s3')],
  );
  const [errorAction, setErrorAction] = useState<ActionDraft | undefined>(() =>
    rule?.errorAction ? draftOf(rule.errorAction) : undefined,
  );
  const [touched, setTouched] = useState(false);
  const validation = useSqlValidation(sql, sqlVersion);
  const task = useTask();
  const buckets = useCloudQuery('s3', 'ListBuckets', {});
  const streams = useCloudQuery('firehose', 'ListDeliveryStreams', { Limit: 100 });
  const tables = useCloudQuery('dynamodb', 'ListTables', { Limit: 100 });
  const nameInvalid = !rule && !RULE_NAME.test(name);
  const listIds = {
    buckets: useId(),
    streams: useId(),
    tables: useId(),
  };

  const update = (id: number, change: Partial<ActionDraft>) =>
    setActions((all) => all.map((action) => (action.id === id ? { ...action, ...change } : action)));

  const save = () => {
    setTouched(true);
    if (nameInvalid || validation?.valid === false || actions.length === 0) return;
    const payload = {
      sql,
      description: description || undefined,
      awsIotSqlVersion: sqlVersion,
      ruleDisabled: rule?.ruleDisabled ?? false,
      actions: actions.map((action) => toSdkAction(action, roleArn)),
      errorAction: errorAction ? toSdkAction(errorAction, roleArn) : undefined,
    };
    void task.run(async () => {
      if (rule) {
        await sendOrThrow(bridge, 'iot', 'ReplaceTopicRule', {
          ruleName: rule.ruleName ?? name,
          topicRulePayload: payload,
        });
        onSaved(rule.ruleName ?? name);
      } else {
        await sendOrThrow(bridge, 'iot', 'CreateTopicRule', { ruleName: name, topicRulePayload: payload });
        onSaved(name);
      }
    });
  };

  /** A text field of an action, named for the screen reader with the action it belongs to. */
  const actionInput = (
    field: 'bucket' | 'key' | 'stream' | 'topic',
    property: 'bucketName' | 'key' | 'deliveryStreamName' | 'topic',
    action: ActionDraft,
    onChange: (change: Partial<ActionDraft>) => void,
    label: string,
    list?: string,
  ) => (
    <label className="field">
      <span className="field-label">{t(`rules.${field}`)}</span>
      <input
        className="text-input mono"
        list={list}
        value={action[property]}
        aria-label={t('rules.fieldOf', { field: t(`rules.${field}`), action: label })}
        onChange={(event) => onChange({ [property]: event.target.value })}
      />
    </label>
  );

  const actionFields = (
    action: ActionDraft,
    onChange: (change: Partial<ActionDraft>) => void,
    label: string,
  ) => {
    if (action.other) return <p className="field-hint">{t('rules.otherAction')}</p>;
    switch (action.kind) {
      case 's3':
        return (
          <div className="form-grid">
            {actionInput('bucket', 'bucketName', action, onChange, label, listIds.buckets)}
            {actionInput('key', 'key', action, onChange, label)}
          </div>
        );
      case 'firehose':
        return (
          <div className="form-grid">
            {actionInput('stream', 'deliveryStreamName', action, onChange, label, listIds.streams)}
            <label className="field">
              <span className="field-label">{t('rules.separator')}</span>
              <select
                className="text-input"
                value={action.separator}
                aria-label={t('rules.fieldOf', { field: t('rules.separator'), action: label })}
                onChange={(event) => onChange({ separator: event.target.value })}
              >
                {SEPARATORS.map((separator) => (
                  <option key={separator.label} value={separator.value}>
                    {separator.value === '' ? t('rules.noSeparator') : separator.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="checkbox span-2">
              <input
                type="checkbox"
                checked={action.batchMode}
                onChange={(event) => onChange({ batchMode: event.target.checked })}
              />
              {t('rules.batchMode')}
            </label>
          </div>
        );
      case 'dynamoDBv2':
        return (
          <label className="field">
            <span className="field-label">{t('rules.table')}</span>
            <input
              className="text-input mono"
              list={listIds.tables}
              value={action.tableName}
              aria-label={t('rules.fieldOf', { field: t('rules.table'), action: label })}
              onChange={(event) => onChange({ tableName: event.target.value })}
            />
            <span className="field-hint">{t('rules.dynamoHint')}</span>
          </label>
        );
      case 'republish':
        return (
          <div className="form-grid">
            {actionInput('topic', 'topic', action, onChange, label)}
            <label className="field">
              <span className="field-label">{t('rules.qos')}</span>
              <select
                className="text-input"
                value={action.qos}
                aria-label={t('rules.fieldOf', { field: t('rules.qos'), action: label })}
                onChange={(event) => onChange({ qos: event.target.value === '1' ? 1 : 0 })}
              >
                <option value="0">0</option>
                <option value="1">1</option>
              </select>
            </label>
          </div>
        );
    }
  };

  const kindPicker = (action: ActionDraft, onPick: (kind: ActionKind) => void, label: string) => (
    <select
      className="text-input action-kind"
      aria-label={t('rules.kindOf', { action: label })}
      value={action.other ? '' : action.kind}
      onChange={(event) => onPick(event.target.value as ActionKind)}
    >
      {action.other && <option value="">{t('rules.kindOther')}</option>}
      {ACTION_KINDS.map((kind) => (
        <option key={kind} value={kind}>
          {t(`rules.kind.${kind}`)}
        </option>
      ))}
    </select>
  );

  return (
    <FormDialog
      title={rule ? t('rules.editTitle', { name: rule.ruleName }) : t('rules.createTitle')}
      description={t('rules.editorLead')}
      submitLabel={rule ? t('rules.replace') : t('rules.create')}
      task={task}
      onClose={onClose}
      onSubmit={save}
      size="wide"
    >
      <div className="form-grid">
        <label className="field">
          <span className="field-label">{t('common.name')}</span>
          <input
            className="text-input mono"
            value={name}
            disabled={rule !== undefined}
            placeholder="weather_sensor_to_S3"
            onChange={(event) => setName(event.target.value)}
            aria-invalid={touched && nameInvalid ? 'true' : undefined}
            spellCheck={false}
          />
          {touched && nameInvalid && <span className="field-error">{t('rules.nameRule')}</span>}
        </label>
        <label className="field">
          <span className="field-label">{t('rules.description')}</span>
          <input
            className="text-input"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </label>
      </div>

      <div className="field">
        <span className="field-label">{t('rules.sql')}</span>
        <CodeEditor
          value={sql}
          onChange={setSql}
          language="sql"
          label={t('rules.sql')}
          description={
            validation === undefined
              ? undefined
              : validation.valid
                ? t('rules.sqlValid', { filter: validation.topicFilter ?? '' })
                : validation.message
          }
          invalid={validation?.valid === false}
        />
        <div aria-live="polite" className="sql-status">
          {validation === undefined ? (
            <span className="field-hint">{t('rules.checking')}</span>
          ) : validation.valid ? (
            <span className="field-ok">
              {validation.topicFilter
                ? t('rules.sqlValid', { filter: validation.topicFilter })
                : t('rules.sqlValidNoTopic')}
            </span>
          ) : (
            <span className="field-error">
              <span className="error-code">{validation.code}</span>
              {validation.message}
            </span>
          )}
        </div>
      </div>

      <div className="form-grid">
        <label className="field">
          <span className="field-label">{t('rules.sqlVersion')}</span>
          <select
            className="text-input"
            value={sqlVersion}
            onChange={(event) => setSqlVersion(event.target.value as RuleSqlVersion)}
          >
            {SQL_VERSIONS.map((version) => (
              <option key={version} value={version}>
                {version}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('rules.role')}</span>
          <input
            className="text-input mono"
            value={roleArn}
            onChange={(event) => setRoleArn(event.target.value)}
            spellCheck={false}
          />
        </label>
      </div>

      <fieldset className="field action-list">
        <legend className="field-label">{t('rules.actions')}</legend>
        {actions.map((action, index) => {
          const label = t('rules.actionN', { n: index + 1 });
          return (
            <div key={action.id} className="action-editor" role="group" aria-label={label}>
              <div className="action-editor-head">
                <span className="action-number">{index + 1}</span>
                {kindPicker(
                  action,
                  (kind) => update(action.id, { ...newAction(kind), id: action.id }),
                  label,
                )}
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('rules.removeAction', { n: index + 1 })}
                  disabled={actions.length === 1}
                  onClick={() => setActions((all) => all.filter((other) => other.id !== action.id))}
                >
                  <CloseIcon />
                </button>
              </div>
              {actionFields(action, (change) => update(action.id, change), label)}
            </div>
          );
        })}
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={actions.length >= 10}
            onClick={() => setActions((all) => [...all, newAction('s3')])}
          >
            <PlusIcon />
            {t('rules.addAction')}
          </button>
          {!errorAction && (
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => setErrorAction(newAction('republish'))}
            >
              <PlusIcon />
              {t('rules.addErrorAction')}
            </button>
          )}
        </div>
      </fieldset>

      {errorAction && (
        <div className="action-editor action-editor-error" role="group" aria-label={t('rules.errorAction')}>
          <div className="action-editor-head">
            <span className="field-label">{t('rules.errorAction')}</span>
            {kindPicker(
              errorAction,
              (kind) => setErrorAction({ ...newAction(kind), id: errorAction.id }),
              t('rules.errorAction'),
            )}
            <button
              type="button"
              className="icon-button"
              aria-label={t('rules.removeErrorAction')}
              onClick={() => setErrorAction(undefined)}
            >
              <CloseIcon />
            </button>
          </div>
          {actionFields(
            errorAction,
            (change) => setErrorAction({ ...errorAction, ...change }),
            t('rules.errorAction'),
          )}
        </div>
      )}

      <datalist id={listIds.buckets}>
        {(buckets.data?.Buckets ?? []).map((bucket) => (
          <option key={bucket.Name} value={bucket.Name} />
        ))}
      </datalist>
      <datalist id={listIds.streams}>
        {(streams.data?.DeliveryStreamNames ?? []).map((stream) => (
          <option key={stream} value={stream} />
        ))}
      </datalist>
      <datalist id={listIds.tables}>
        {(tables.data?.TableNames ?? []).map((table) => (
          <option key={table} value={table} />
        ))}
      </datalist>
    </FormDialog>
  );
}
