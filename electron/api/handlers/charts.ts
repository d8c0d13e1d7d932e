import { z } from 'zod';
import type { ChartMoveInput, ChartQuery, ChartSaveInput, ChartSpec } from '../contract.js';
import { openDashboardStore } from '../charts-dashboard.js';
import { appStore, queryText } from './app-stores.js';
import { ApiError, type DomainHandlers } from './types.js';

/** The Charts page's dashboard (`electron/api/charts-dashboard.ts`). */

const dashboardOf = appStore(openDashboardStore, 'the dashboard');

const column = z.string().min(1).max(255);
const chartId = z.uuid({ error: 'A chart id is a UUID.' });

const spec: z.ZodType<ChartSpec> = z.strictObject({
  kind: z.enum(['line', 'bar', 'scatter']),
  x: column,
  y: z.array(column).min(1, { error: 'A chart needs at least one y column.' }).max(20),
  series: column.optional(),
});

const source: z.ZodType<ChartQuery> = z.strictObject({
  engine: z.enum(['athena', 'dynamodb']),
  sql: queryText,
  database: z.string().min(1).max(255).optional(),
  workGroup: z.string().min(1).max(128).optional(),
});

const saveInput: z.ZodType<ChartSaveInput> = z.strictObject({
  id: chartId.optional(),
  title: z
    .string()
    .trim()
    .min(1, { error: 'A chart needs a title.' })
    .max(200, { error: 'A title is at most 200 characters.' }),
  spec,
  source,
});

const moveInput: z.ZodType<ChartMoveInput> = z.strictObject({
  id: chartId,
  position: z.number().int().min(0),
});

const noSuchChart = (id: string) =>
  new ApiError('ResourceNotFoundException', `No chart ${id} on the dashboard.`);

export const chartsHandlers: DomainHandlers<'charts'> = {
  'charts.list': { handle: (_input, context) => dashboardOf(context).list(context.aws.mode()) },
  'charts.save': {
    input: saveInput,
    handle(input, context) {
      const saved = dashboardOf(context).save(context.aws.mode(), input);
      if (!saved) throw noSuchChart(input.id ?? '');
      return saved;
    },
  },
  'charts.delete': {
    input: z.strictObject({ id: chartId }),
    handle({ id }, context) {
      const dashboard = dashboardOf(context);
      if (!dashboard.remove(context.aws.mode(), id)) throw noSuchChart(id);
      return dashboard.list(context.aws.mode());
    },
  },
  'charts.move': {
    input: moveInput,
    handle({ id, position }, context) {
      const dashboard = dashboardOf(context);
      if (!dashboard.move(context.aws.mode(), id, position)) throw noSuchChart(id);
      return dashboard.list(context.aws.mode());
    },
  },
};
