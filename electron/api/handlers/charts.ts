import { z } from 'zod';
import type { ChartMoveInput, ChartQuery, ChartSaveInput, ChartSpec } from '../contract.js';
import type { LabStorage } from '../../cloud/storage/index.js';
import { openDashboardStore, type DashboardStore } from '../charts-dashboard.js';
import { ApiError, type DomainHandlers, type HandlerContext } from './types.js';

/** The Charts page's dashboard (`electron/api/charts-dashboard.ts`). */

const dashboards = new WeakMap<LabStorage, DashboardStore>();

function dashboardOf({ cloud }: HandlerContext): DashboardStore {
  const storage = cloud.local()?.storage;
  if (!storage)
    throw new ApiError('CloudNotRunning', 'The local cloud is not running: the dashboard cannot be read.');
  const known = dashboards.get(storage);
  if (known) return known;
  const opened = openDashboardStore(storage);
  dashboards.set(storage, opened);
  return opened;
}

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
  sql: z.string().min(1, { error: 'The query is empty.' }).max(262_144, {
    error: 'A query is at most 262,144 characters (Athena’s limit).',
  }),
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
