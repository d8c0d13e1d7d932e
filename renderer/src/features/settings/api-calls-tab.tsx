import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiCall, ApiCallsInput } from '../../api/contract';
import { useEvent, useRequest } from '../../api/hooks';
import { ActivityIcon } from '../../components/icons';
import { StatusPill } from '../../components/status-pill';
import { Card } from '../console/ui/card';
import { formatClock } from '../console/ui/format';
import { Segmented } from './segmented';

const SERVICES = ['iot', 's3', 'dynamodb', 'firehose', 'glue', 'athena', 'sts', 'iam'] as const;
const RESULTS = ['all', 'ok', 'error'] as const;
const SHOWN = 300;

function matches(call: ApiCall, filter: ApiCallsInput): boolean {
  if (filter.service && call.service !== filter.service) return false;
  if (filter.result === 'ok' && call.error) return false;
  if (filter.result === 'error' && !call.error) return false;
  return true;
}

/** Every SDK call the app made, newest first, live; filtered by service and result. */
export function ApiCallsTab() {
  const { t, i18n } = useTranslation('settings');
  const { t: tApp } = useTranslation('app');
  const [service, setService] = useState('');
  const [result, setResult] = useState<(typeof RESULTS)[number]>('all');
  const filter: ApiCallsInput = {
    limit: SHOWN,
    ...(service ? { service } : {}),
    ...(result !== 'all' ? { result } : {}),
  };
  const calls = useRequest('aws.calls', filter);
  useEvent('aws.call', (call) => {
    if (!matches(call, filter)) return;
    calls.setData((previous = []) => [call, ...previous.filter((known) => known.id !== call.id)].slice(0, SHOWN));
  });

  return (
    <Card icon={<ActivityIcon />} title={t('calls.title')} lead={t('calls.lead')}>
      <div className="toolbar calls-toolbar">
        <label className="field">
          <span className="field-label">{t('calls.service')}</span>
          <select className="text-input" value={service} onChange={(event) => setService(event.target.value)}>
            <option value="">{t('calls.all')}</option>
            {SERVICES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <span className="field-label" id="calls-result-label">
            {t('calls.result')}
          </span>
          <Segmented<(typeof RESULTS)[number]>
            labelledBy="calls-result-label"
            options={RESULTS.map((option) => ({ value: option, label: t(`calls.${option}`) }))}
            value={result}
            onChange={(option) => setResult(option)}
          />
        </div>
      </div>

      {calls.data && calls.data.length > 0 ? (
        <>
          <div className="resource-table-scroll">
            <table className="resource-table api-calls-table">
              <thead>
                <tr>
                  <th scope="col">{t('calls.when')}</th>
                  <th scope="col">{t('calls.service')}</th>
                  <th scope="col">{t('calls.operation')}</th>
                  <th scope="col">{t('calls.result')}</th>
                  <th scope="col" className="numeric">
                    {t('calls.duration')}
                  </th>
                  <th scope="col">{t('calls.origin')}</th>
                  <th scope="col">{t('calls.mode')}</th>
                </tr>
              </thead>
              <tbody>
                {calls.data.map((call) => (
                  <tr key={call.id}>
                    <td className="nowrap cell-mono">
                      <time dateTime={call.at}>{formatClock(i18n.language, Date.parse(call.at))}</time>
                    </td>
                    <td className="cell-mono">{call.service}</td>
                    <th scope="row" className="cell-mono">
                      {call.operation}
                    </th>
                    <td>
                      {call.error ? (
                        <span className="call-error" title={call.error.message}>
                          <StatusPill tone="danger">{call.error.code}</StatusPill>
                          <span className="call-error-message">{call.error.message}</span>
                        </span>
                      ) : (
                        <StatusPill tone="success">OK</StatusPill>
                      )}
                    </td>
                    <td className="numeric">{Math.round(call.durationMs)} ms</td>
                    <td className="cell-muted">{call.origin ?? '—'}</td>
                    <td className="nowrap">{tApp(`mode.${call.mode}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="field-hint calls-count">{t('calls.count', { count: calls.data.length })}</p>
        </>
      ) : (
        <p className="empty-state">{t('calls.empty')}</p>
      )}
    </Card>
  );
}
