import { useTranslation } from 'react-i18next';
import { useSubPath } from '../../../app/use-route';
import { ConsolePage } from '../ui/console-page';
import { ServiceTabs, tabOf } from '../ui/service-tabs';
import { CrawlersView } from './crawlers';
import { DatabasesView } from './databases';
import { TablesView } from './tables';
import './glue.css';

const TABS = ['databases', 'tables', 'crawlers'] as const;

/** AWS Glue's Data Catalog as its console shows it: `#/glue/<section>/<resource>…`. */
export function GluePage() {
  const { t } = useTranslation('console');
  const [section, first, second, third] = useSubPath();
  const tab = tabOf(TABS, section);
  return (
    <ConsolePage title={t('glue.title')} lead={t('glue.lead')}>
      <ServiceTabs
        label={t('glue.sections')}
        pageId="glue"
        current={tab}
        tabs={TABS.map((id) => ({ id, label: t(`glue.tabs.${id}`) }))}
      />
      {tab === 'databases' && <DatabasesView selected={first || undefined} />}
      {tab === 'tables' && (
        <TablesView
          database={first || undefined}
          table={second || undefined}
          partition={third || undefined}
        />
      )}
      {tab === 'crawlers' && <CrawlersView selected={first || undefined} />}
    </ConsolePage>
  );
}
