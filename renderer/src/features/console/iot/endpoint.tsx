import { useTranslation } from 'react-i18next';
import { useCloudStatus } from '../../../api/cloud';
import { useCloudQuery } from '../../../api/cloud-sdk';
import { useRequest } from '../../../api/hooks';
import { CopyButton } from '../../../components/copy-button';
import { CloudIcon, DownloadIcon, TerminalIcon } from '../../../components/icons';
import { Card } from '../ui/card';
import { Details } from '../ui/details';
import { downloadText } from '../ui/download';
import { ErrorNotice } from '../ui/error-notice';

/** AWS IoT's MQTT port with mutual TLS (443 needs ALPN `x-amzn-mqtt-ca`). */
const AWS_MQTT_PORT = 8883;

/** Where devices connect: the data endpoint, its port, and the CA they must trust. */
export function EndpointView() {
  const { t } = useTranslation('console');
  const endpoint = useCloudQuery('iot', 'DescribeEndpoint', { endpointType: 'iot:Data-ATS' });
  const ca = useRequest('iot.caCertificate');
  const status = useCloudStatus();
  const host = endpoint.data?.endpointAddress ?? '';
  const port =
    ca.data?.kind === 'lab' ? (status.data?.endpoints?.mqtt?.port ?? AWS_MQTT_PORT) : AWS_MQTT_PORT;
  const caFile = ca.data?.kind === 'lab' ? ca.data.fileName : 'AmazonRootCA1.pem';
  const command = [
    'mosquitto_pub',
    `--cafile ${caFile}`,
    '--cert certificate.pem.crt --key private.pem.key',
    `-h ${host} -p ${port}`,
    '-i weather-station_0 -q 1 -t sensor/weather',
    `-m '{"weather_station": "030910", "time": "2022-01-01T00:00:00+00:00"}'`,
  ].join(' \\\n  ');

  return (
    <div className="split">
      <Card icon={<CloudIcon />} title={t('endpoint.title')} lead={t('endpoint.lead')}>
        <ErrorNotice error={endpoint.error ?? ca.error} />
        <Details
          items={[
            { label: t('endpoint.host'), value: <code>{host || '…'}</code>, copy: host || undefined },
            { label: t('endpoint.type'), value: <code>iot:Data-ATS</code> },
            { label: t('endpoint.port'), value: <code>{port}</code>, copy: String(port) },
            { label: t('endpoint.protocol'), value: t('endpoint.protocolValue') },
            {
              label: t('endpoint.ca'),
              value:
                ca.data?.kind === 'lab' ? (
                  <span className="card-title-row">
                    <code>{ca.data.fileName}</code>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() =>
                        ca.data?.kind === 'lab' &&
                        downloadText(ca.data.fileName, ca.data.pem, 'application/x-pem-file')
                      }
                    >
                      <DownloadIcon />
                      {t('common.download')}
                    </button>
                  </span>
                ) : ca.data ? (
                  <span>
                    {ca.data.name} · <code>{ca.data.url}</code>
                  </span>
                ) : (
                  '…'
                ),
            },
          ]}
        />
        <p className="card-footnote">
          {ca.data?.kind === 'lab' ? t('endpoint.labNote') : t('endpoint.awsNote')}
        </p>
      </Card>
      <Card icon={<TerminalIcon />} title={t('endpoint.tryTitle')} lead={t('endpoint.tryLead')}>
        <div className="snippet">
          <pre className="json-view" tabIndex={0} aria-label={t('endpoint.tryTitle')}>
            <code>{command}</code>
          </pre>
          <CopyButton
            text={command}
            label={t('common.copy', { what: t('endpoint.tryTitle') })}
            doneLabel={t('common.copied', { what: t('endpoint.tryTitle') })}
            failedLabel={t('common.copyFailed')}
            className="snippet-copy"
          />
        </div>
        <p className="card-footnote">{t('endpoint.tryNote')}</p>
      </Card>
    </div>
  );
}
