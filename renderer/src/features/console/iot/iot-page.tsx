import { useTranslation } from 'react-i18next';
import { useSubPath } from '../../../app/use-route';
import { ServiceTabs } from '../ui/service-tabs';
import { CertificatesView } from './certificates';
import { EndpointView } from './endpoint';
import { PoliciesView } from './policies';
import { RegistrationTasksView } from './registration-tasks';
import { RulesView } from './rules';
import { ThingTypesView } from './thing-types';
import { ThingsView } from './things';
import '../../../components/workbench.css';
import '../console.css';

const TABS = ['things', 'types', 'certificates', 'policies', 'rules', 'endpoint', 'tasks'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | undefined): value is Tab {
  return TABS.some((tab) => tab === value);
}

/** AWS IoT as its console shows it: `#/iot/<section>/<resource>`. */
export function IotPage() {
  const { t } = useTranslation('console');
  const [section, resource] = useSubPath();
  const selected = resource || undefined;
  const tab: Tab = isTab(section) ? section : 'things';
  return (
    <div className="workbench console">
      <header className="page-header">
        <h1>{t('iot.title')}</h1>
        <p className="lead">{t('iot.lead')}</p>
      </header>
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
    </div>
  );
}
