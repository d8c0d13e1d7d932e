import type { ChartConfiguration, ChartDataset as ChartJsDataset, ScaleOptions } from 'chart.js';
import type { ChartKind } from '../../api/contract';
import type { ChartTheme } from './chart-theme';
import type { ChartData } from './model/chart-data';
import type { TimeGranularity } from './model/time-values';

/** Chart.js's configuration for chart data: axes by the x kind, colours by the theme, no animation. */

export interface ChartConfigInput {
  kind: ChartKind;
  data: ChartData;
  theme: ChartTheme;
  language: string;
  xTitle?: string;
  yTitle?: string;
}

/** The tooltip's time format, one of the date adapter's (`date-adapter.ts`). */
const TOOLTIP_FORMAT: Record<TimeGranularity, string> = {
  month: 'month',
  day: 'week',
  minute: 'datetime',
  second: 'datetime',
};

/** A category axis takes one value per category, in order (null: none). */
function byCategory(points: readonly { x: number; y: number }[], categories: number): (number | null)[] {
  const values: (number | null)[] = new Array<number | null>(categories).fill(null);
  for (const point of points) values[point.x] = point.y;
  return values;
}

/** Points are drawn while a line has few enough of them to tell apart. */
const MARKED_POINTS = 120;

/** Category names longer than this do not fit under a bar: the bars lie down, names on the left. */
const LONG_CATEGORY = 12;
const BAR_THICKNESS = 26;
const MAX_TICK_LABEL = 28;
export const CHART_HEIGHT = 320;

export function isHorizontalBar(kind: ChartKind, data: ChartData): boolean {
  return kind === 'bar' && data.categories.some((category) => category.length > LONG_CATEGORY);
}

/** Pixels: lying bars need room for each category's name. */
export function chartHeight(kind: ChartKind, data: ChartData): number {
  if (!isHorizontalBar(kind, data)) return CHART_HEIGHT;
  const perCategory = BAR_THICKNESS * Math.max(1, Math.min(3, data.datasets.length));
  return Math.max(CHART_HEIGHT, data.categories.length * perCategory + 90);
}

export function chartConfig({
  kind,
  data,
  theme,
  language,
  xTitle,
  yTitle,
}: ChartConfigInput): ChartConfiguration {
  const category = data.xKind === 'category';
  const horizontal = isHorizontalBar(kind, data);
  const datasets = data.datasets.map((dataset, index): ChartJsDataset => {
    const colour = theme.series[index % theme.series.length] ?? theme.text;
    const values = category ? byCategory(dataset.points, data.categories.length) : dataset.points;
    return {
      label: dataset.label,
      data: values,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: kind === 'bar' ? 0 : 2,
      pointRadius: kind === 'scatter' ? 3 : dataset.points.length <= MARKED_POINTS ? 3 : 0,
      pointHoverRadius: 5,
      spanGaps: true,
      tension: 0,
    } as ChartJsDataset;
  });

  const axisTitle = (text: string | undefined) =>
    text ? { display: true, text, color: theme.muted, font: { weight: 600 } } : undefined;
  const common = {
    grid: { color: theme.grid },
    border: { color: theme.border },
    ticks: { color: theme.muted },
  };
  const x: ScaleOptions = category
    ? {
        type: 'category',
        ...common,
        // Long names are cut on the axis (the tooltip and the data table have them whole).
        ticks: {
          ...common.ticks,
          callback(value) {
            const name = data.categories[Number(value)] ?? String(value);
            return name.length > MAX_TICK_LABEL ? `${name.slice(0, MAX_TICK_LABEL - 1)}…` : name;
          },
        },
        title: axisTitle(xTitle),
      }
    : data.xKind === 'time'
      ? {
          type: 'time',
          ...common,
          ticks: { ...common.ticks, maxRotation: 0, autoSkipPadding: 12 },
          adapters: { date: { language } },
          time: { tooltipFormat: TOOLTIP_FORMAT[data.granularity ?? 'second'] },
          title: axisTitle(xTitle),
        }
      : { type: 'linear', ...common, title: axisTitle(xTitle) };

  const values: ScaleOptions = {
    type: 'linear',
    beginAtZero: kind === 'bar',
    ...common,
    title: axisTitle(yTitle),
  };

  return {
    type: kind,
    data: { ...(category ? { labels: data.categories } : {}), datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: language,
      // Points are already {x, y} numbers, sorted: Chart.js need not parse them again.
      parsing: category ? undefined : false,
      normalized: !category,
      interaction: { mode: kind === 'scatter' ? 'nearest' : 'index', intersect: false },
      font: { family: theme.font },
      color: theme.text,
      indexAxis: horizontal ? 'y' : 'x',
      // Lying bars: the categories go up the side (the `y` scale), the values along the bottom.
      scales: horizontal ? { y: x, x: values } : { x, y: values },
      plugins: {
        legend: {
          display: data.datasets.length > 1,
          labels: { color: theme.text, boxWidth: 12, boxHeight: 12 },
        },
        tooltip: {
          backgroundColor: theme.surface,
          titleColor: theme.text,
          bodyColor: theme.text,
          borderColor: theme.border,
          borderWidth: 1,
        },
      },
    },
  } as ChartConfiguration;
}
