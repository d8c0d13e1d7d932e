import { useTranslation } from 'react-i18next';
import { useSubPath } from '../../../app/use-route';
import { ConsolePage } from '../ui/console-page';
import { ServiceTabs, tabOf } from '../ui/service-tabs';
import { CertificatesView } from './certificates';
import { EndpointView } from './endpoint';
import { PoliciesView } from './policies';
import { RegistrationTasksView } from './registration-tasks';
import { RulesView } from './rules';
import { ThingTypesView } from './thing-types';
import { ThingsView } from './things';

const TABS = ['things', 'types', 'certificates', 'policies', 'rules', 'endpoint', 'tasks'] as const;

/** AWS IoT as its console shows it: `#/iot/<section>/<resource>`. */
export function IotPage() {
  const { t } = useTranslation('console');
  const [section, resource] = useSubPath();
  const selected = resource || undefined;
  const tab = tabOf(TABS, section);
  return (
    <ConsolePage title={t('iot.title')} lead={t('iot.lead')}>
      <ServiceTabs
        label={t('iot.sections')}
        pageId="iot"
        current={tab}
        tabs={TABS.map((id) => ({ id, label: t(`iot.tabs.${id}`) }))}
      />
      {tab === 'things' && <ThingsView selected={selected} />}
      {tab === 'types' && <ThingTypesView selected={selected} />}
      {tab === 'certificates' && <CertificatesView selected={selected} />}
      {tab === 'policies' && <PoliciesView selected={selected} />}
      {tab === 'rules' && <RulesView selected={selected} />}
      {tab === 'endpoint' && <EndpointView />}
      {tab === 'tasks' && <RegistrationTasksView selected={selected} />}
    </ConsolePage>
  );
}
