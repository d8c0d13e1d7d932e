import { useTranslation } from 'react-i18next';
import { useSubPath } from '../../app/use-route';
import { ConsolePage } from '../console/ui/console-page';
import { ServiceTabs, tabOf } from '../console/ui/service-tabs';
import { AccountTab } from './account-tab';
import { ApiCallsTab } from './api-calls-tab';
import { CostTab } from './cost-tab';
import './settings.css';

const TABS = ['account', 'calls', 'cost'] as const;

/** Settings: the cloud the lab works against (AWS credentials), the app's API calls, the cost meter. */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  const [section] = useSubPath();
  const tab = tabOf(TABS, section);
  return (
    <ConsolePage title={t('title')} lead={t('lead')}>
      <ServiceTabs
        label={t('tabs.label')}
        pageId="settings"
        tabs={TABS.map((id) => ({ id, label: t(`tabs.${id}`) }))}
        current={tab}
      />
      {tab === 'account' && <AccountTab />}
      {tab === 'calls' && <ApiCallsTab />}
      {tab === 'cost' && <CostTab />}
    </ConsolePage>
  );
}
