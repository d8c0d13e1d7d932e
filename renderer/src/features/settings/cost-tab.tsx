import { useTranslation } from 'react-i18next';
import { useEvent, useRequest } from '../../api/hooks';
import { RefreshIcon } from '../../components/icons';
import { BusyButton } from '../console/ui/busy-button';
import { Card } from '../console/ui/card';
import { ErrorNotice } from '../console/ui/error-notice';
import { formatDateTime } from '../console/ui/format';
import { formatQuantity, formatUsd } from './format';

/** What the lab's usage costs on AWS (AWS mode), or would cost (offline), from public prices. */
export function CostTab() {
  const { t, i18n } = useTranslation('settings');
  const cost = useRequest('aws.cost');
  // A new mode starts a new count.
  useEvent('aws.status', () => cost.reload());
  const data = cost.data;
  const language = i18n.language;

  return (
    <Card
      icon={<span className="currency-icon">$</span>}
      title={t('cost.title')}
      lead={
        data &&
        t(data.mode === 'aws' ? 'cost.leadAws' : 'cost.leadOffline', { since: formatDateTime(language, data.since) })
      }
      actions={
        <BusyButton type="button" className="button-secondary" busy={cost.loading} onClick={cost.reload}>
          <RefreshIcon />
          {t('cost.refresh')}
        </BusyButton>
      }
    >
      <ErrorNotice error={cost.error} />
      {data && (
        <div className="form-stack">
          <dl className="stat-grid cost-total">
            <div className="stat-tile">
              <dt>{t('cost.total')}</dt>
              <dd>{formatUsd(data.total, language)}</dd>
            </div>
          </dl>
          <div className="resource-table-scroll">
            <table className="resource-table">
              <thead>
                <tr>
                  <th scope="col">{t('cost.line')}</th>
                  <th scope="col" className="numeric">
                    {t('cost.quantity')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('cost.price')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('cost.cost')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.lines.map((line) => (
                  <tr key={line.id}>
                    <th scope="row">
                      <a href={line.source} target="_blank" rel="noreferrer">
                        {t(`cost.lines.${line.id}`)}
                      </a>
                      {!line.verified && <span className="muted unverified"> · {t('cost.unverified')}</span>}
                    </th>
                    <td className="numeric">
                      {formatQuantity(line.quantity, language)} <span className="muted">{t(`cost.units.${line.id}`)}</span>
                    </td>
                    <td className="numeric">{formatUsd(line.unitPrice, language)}</td>
                    <td className="numeric">{formatUsd(line.cost, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="field-hint">
            {t('cost.pricesFrom', { date: data.pricesRetrieved, bytes: data.usage.messageBytes })}
          </p>
        </div>
      )}
    </Card>
  );
}
