/**
 * The Charts page (`#/charts`): charts of query results, a saved dashboard, and the live temperature
 * chart of the Stations page. Other features hand a result over with `openInChartBuilder`.
 */
export { ChartsPage } from './charts-page';
export { openInChartBuilder } from './chart-draft';
export { ChartIcon } from './icons';
export { LiveTemperatureChart } from './live-temperature-chart';
