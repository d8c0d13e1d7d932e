import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartSpec } from '../../api/contract';
import type { ResultSet } from '../sql/result-set';
import { ChartCanvas } from './chart-canvas';
import { chartConfig, chartHeight } from './chart-config';
import { useChartTheme } from './chart-theme';
import { DataTableToggle } from './data-table-view';
import { buildChartData } from './model/chart-data';
import { buildDataTable, formatNumberCell } from './model/data-table';
import { decimateChartData } from './model/decimate';
import { hasNoaaSentinels } from './model/sentinels';

/**
 * A chart of a result: the canvas (named and described for screen readers), what was left out or
 * decimated, and its data table. The spec must fit the result (`checkSpec`).
 */
export function ChartView({ title, result, spec }: { title: string; result: ResultSet; spec: ChartSpec }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const theme = useChartTheme();
  const summaryId = useId();

  const data = useMemo(() => buildChartData(result, spec), [result, spec]);
  const decimated = useMemo(() => decimateChartData(data, spec.kind), [data, spec.kind]);
  const yTitle = spec.y.length === 1 ? spec.y[0] : undefined;
  const config = useMemo(
    () => chartConfig({ kind: spec.kind, data: decimated.data, theme, language, xTitle: spec.x, yTitle }),
    [spec.kind, spec.x, yTitle, decimated, theme, language],
  );
  const sentinels = useMemo(() => hasNoaaSentinels(data), [data]);
  const table = useMemo(() => buildDataTable(data, spec.x, language), [data, spec.x, language]);

  const count = (value: number) => formatNumberCell(language, value);
  const summary =
    data.xKind === 'category'
      ? t('view.summaryCategories', {
          count: data.datasets.length,
          categories: count(data.categories.length),
        })
      : t('view.summary', { count: data.datasets.length, points: count(decimated.pointsIn) });

  return (
    <figure className="chart-figure">
      <ChartCanvas
        config={config}
        label={t('view.canvasLabel', { kind: t(`view.kindNames.${spec.kind}`), title })}
        describedBy={summaryId}
        height={chartHeight(spec.kind, decimated.data)}
      />
      <p className="chart-notes" id={summaryId}>
        <span>{summary}</span>
        {data.skipped > 0 && <span>{t('view.skipped', { count: data.skipped })}</span>}
        {decimated.pointsDrawn < decimated.pointsIn && (
          <span>
            {t('view.decimated', { drawn: count(decimated.pointsDrawn), total: count(decimated.pointsIn) })}
          </span>
        )}
        {data.xKind === 'time' && <span>{t('view.timeUtc')}</span>}
      </p>
      {sentinels && <p className="notice notice-warning">{t('builder.sentinel')}</p>}
      <DataTableToggle
        showLabel={t('view.showTable')}
        hideLabel={t('view.hideTable')}
        caption={t('view.tableCaption', { title })}
        headers={table.headers}
        numericColumns={(index) => index > 0}
        rows={table.rows.map((row, index) => ({
          key: String(index),
          header: row.x,
          cells: row.cells.map((values) => ({
            text: values.length === 0 ? t('view.noValue') : values.map(count).join(', '),
            numeric: true,
          })),
        }))}
        note={
          table.totalRows > table.rows.length
            ? t('view.tableLimit', { shown: count(table.rows.length), total: count(table.totalRows) })
            : undefined
        }
      />
    </figure>
  );
}
