import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEvent } from '../../api/hooks';
import { Card } from '../console/ui/card';
import { ChartCanvas } from './chart-canvas';
import { chartConfig } from './chart-config';
import { useChartTheme } from './chart-theme';
import { DataTableToggle } from './data-table-view';
import { ChartIcon } from './icons';
import type { ChartData } from './model/chart-data';
import { formatNumberCell } from './model/data-table';
import {
  addReplayStatus,
  EMPTY_LIVE_SERIES,
  LIVE_POINTS_PER_STATION,
  type LiveSeriesState,
} from './model/live-series';
import { formatTime } from './model/time-values';
import '../../components/workbench.css';
import './charts.css';

/** Kept across visits of the Stations page, so leaving it does not lose the replay's chart. */
let kept: LiveSeriesState = EMPTY_LIVE_SERIES;

/**
 * The stations' air temperature while a replay runs: one line per station, from the `replay.progress`
 * events, which carry each station's latest reading. NOAA's 999.9 is left out, and said so.
 */
export function LiveTemperatureChart({ stationName }: { stationName(stationId: string): string }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const theme = useChartTheme();
  const summaryId = useId();
  const [series, setSeries] = useState(kept);
  useEvent('replay.progress', (status) => {
    kept = addReplayStatus(kept, status);
    setSeries(kept);
  });

  const data = useMemo(
    (): ChartData => ({
      xKind: 'time',
      categories: [],
      granularity: 'minute',
      datasets: series.stations.map((station) => ({
        label: stationName(station.stationId),
        points: station.points,
      })),
      skipped: 0,
    }),
    [series, stationName],
  );
  const config = useMemo(
    () => chartConfig({ kind: 'line', data, theme, language, yTitle: t('live.yAxis') }),
    [data, theme, language, t],
  );
  const missing = series.stations.reduce((sum, station) => sum + station.missing, 0);
  const points = series.stations.reduce((sum, station) => sum + station.points.length, 0);
  const count = (value: number) => formatNumberCell(language, value);

  return (
    <div className="workbench live-chart">
      <Card
        className="live-chart-card"
        icon={<ChartIcon />}
        title={t('live.title')}
        lead={t('live.lead', { points: count(LIVE_POINTS_PER_STATION) })}
      >
        {series.stations.length === 0 ? (
          <p className="empty">{t('live.idle')}</p>
        ) : (
          <figure className="chart-figure">
            <ChartCanvas
              config={config}
              label={t('view.canvasLabel', { kind: t('view.kindNames.line'), title: t('live.chartTitle') })}
              describedBy={summaryId}
            />
            <p className="chart-notes" id={summaryId}>
              <span>{t('view.summary', { count: series.stations.length, points: count(points) })}</span>
              <span>{missing > 0 ? t('live.missing', { count: missing }) : t('live.noMissing')}</span>
              <span>{t('view.timeUtc')}</span>
            </p>
            <DataTableToggle
              showLabel={t('live.showTable')}
              hideLabel={t('live.hideTable')}
              caption={t('live.tableCaption')}
              headers={[
                t('live.station'),
                t('live.time'),
                t('live.temperature'),
                t('live.points'),
                t('live.skipped'),
              ]}
              numericColumns={(index) => index > 1}
              rows={series.stations.map((station) => {
                const last = station.points.at(-1);
                return {
                  key: station.stationId,
                  header: stationName(station.stationId),
                  cells: [
                    { text: last ? formatTime(language, last.x, 'minute') : t('view.noValue') },
                    { text: last ? count(last.y) : t('view.noValue'), numeric: true },
                    { text: count(station.points.length), numeric: true },
                    { text: count(station.missing), numeric: true },
                  ],
                };
              })}
            />
          </figure>
        )}
      </Card>
    </div>
  );
}
