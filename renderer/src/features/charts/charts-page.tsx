import { useTranslation } from 'react-i18next';
import { useRequest } from '../../api/hooks';
import { useSubPath } from '../../app/use-route';
import { ErrorNotice } from '../console/ui/error-notice';
import { BackToDashboard, ChartBuilder } from './chart-builder';
import { Dashboard } from './dashboard';
import '../../components/workbench.css';
import './charts.css';

/** A saved chart to edit, once the dashboard has answered. */
function EditChart({ id }: { id: string }) {
  const { t } = useTranslation('charts');
  const charts = useRequest('charts.list');
  const chart = charts.data?.find((candidate) => candidate.id === id);
  if (charts.error) return <ErrorNotice error={charts.error} />;
  if (!charts.data) return null;
  if (!chart) return <p className="notice notice-warning">{t('builder.notFound', { id })}</p>;
  return <ChartBuilder key={chart.id} editing={chart} />;
}

/** `#/charts`: the dashboard; `#/charts/new`: the builder; `#/charts/edit/<id>`: a saved chart in it. */
export function ChartsPage() {
  const { t } = useTranslation('charts');
  const [view, id] = useSubPath();
  const building = view === 'new' || (view === 'edit' && id);

  return (
    <div className="workbench charts">
      <header className="page-header">
        {building && <BackToDashboard />}
        <h1>{view === 'new' ? t('builder.newTitle') : building ? t('builder.editTitle') : t('title')}</h1>
        <p className="lead">{t('lead')}</p>
      </header>
      {view === 'new' ? (
        <ChartBuilder key="new" />
      ) : view === 'edit' && id ? (
        <EditChart id={id} />
      ) : (
        <Dashboard />
      )}
    </div>
  );
}
