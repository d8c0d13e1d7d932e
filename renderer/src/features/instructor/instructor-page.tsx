import { useTranslation } from 'react-i18next';
import { useCloudStatus } from '../../api/cloud';
import '../../components/workbench.css';
import { AccountResetCard } from './account-reset-card';
import { LabFolderCard, LessonProgressCard } from './local-resets';
import './instructor.css';

/** The instructor's page, for between two classes: the account reset, the offline lab folder, the progress. */
export function InstructorPage() {
  const { t } = useTranslation('instructor');
  const cloud = useCloudStatus();
  return (
    <div className="workbench instructor">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="lead">{t('lead')}</p>
      </header>
      {/* Listed again once a restarted cloud runs: the account's resources have changed. */}
      <AccountResetCard key={cloud.data?.startedAt ?? 'starting'} />
      <LabFolderCard labDir={cloud.data?.labDir} />
      <LessonProgressCard />
    </div>
  );
}
