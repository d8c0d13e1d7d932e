import type {
  AccountResetReport,
  ResetInventory,
  ResetOutcome,
  ResetResource,
  ResetService,
} from '../api/contract.js';
import { countOutcomes } from './delete.js';

/** The reset's inventory, progress and report as text, for the CLI (`npm run reset`). */

export const SERVICE_LABELS: Readonly<Record<ResetService, string>> = {
  glue: 'Glue',
  iot: 'IoT Core',
  firehose: 'Firehose',
  dynamodb: 'DynamoDB',
  athena: 'Athena',
  s3: 'S3',
};

const KIND_LABELS: Readonly<Record<ResetResource['kind'], string>> = {
  'glue-crawler': 'crawler',
  'glue-table': 'table',
  'glue-database': 'database',
  'topic-rule': 'topic rule',
  certificate: 'certificate',
  thing: 'thing',
  'thing-type': 'thing type',
  'iot-policy': 'policy',
  'delivery-stream': 'delivery stream',
  'dynamodb-table': 'table',
  'athena-named-query': 'named query',
  'athena-work-group': 'work group',
  'athena-result-location': 'result location',
  's3-bucket': 'bucket',
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = -1;
  do {
    value /= 1024;
    unit += 1;
  } while (value >= 1024 && unit < units.length - 1);
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** What is worth knowing about a resource besides its name. */
export function describeResource(resource: ResetResource): string {
  const facts: string[] = [];
  if (resource.kind === 's3-bucket') {
    facts.push(`${resource.objects ?? 0} object(s), ${formatBytes(resource.bytes ?? 0)}`);
  } else if (resource.kind === 'dynamodb-table' && resource.objects !== undefined) {
    facts.push(`${resource.objects} item(s)`);
  }
  if (resource.state) facts.push(resource.state);
  if (resource.kind === 'thing' && resource.parent) facts.push(`type ${resource.parent}`);
  if (resource.kind === 'athena-named-query' && resource.parent) facts.push(`work group ${resource.parent}`);
  return facts.join(', ');
}

/** A certificate's 64-hex id, shortened as the IoT console shows it. */
function shortName(resource: ResetResource): string {
  return resource.kind === 'certificate' ? `${resource.name.slice(0, 12)}…` : resource.name;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

export function formatInventory(inventory: ResetInventory): string {
  const lines = [
    `Account ${inventory.accountId} (${inventory.label}, ${inventory.region}), scope ${inventory.scope}: ${inventory.resources.length} resource(s)`,
  ];
  if (inventory.resources.length === 0) lines.push('  nothing of the scope in this account');
  const services = [...new Set(inventory.resources.map((resource) => resource.service))];
  for (const service of services) {
    const resources = inventory.resources.filter((resource) => resource.service === service);
    lines.push(`  ${SERVICE_LABELS[service]} (${resources.length})`);
    const rows = resources.map((resource) => [
      KIND_LABELS[resource.kind],
      shortName(resource),
      describeResource(resource),
    ]);
    lines.push(...table(rows).map((line) => `    ${line}`));
  }
  for (const kept of inventory.kept) {
    lines.push(`  kept: ${KIND_LABELS[kept.resource.kind]} ${kept.resource.name}: ${kept.reason}`);
  }
  return lines.join('\n');
}

export function formatOutcome(outcome: ResetOutcome, done: number, total: number): string {
  const { resource } = outcome;
  const detail = outcome.message
    ? `: ${outcome.errorCode ? `${outcome.errorCode}: ` : ''}${outcome.message}`
    : '';
  return `  [${done}/${total}] ${outcome.status.padEnd(12)} ${SERVICE_LABELS[resource.service]} ${KIND_LABELS[resource.kind]} ${shortName(resource)}${detail}`;
}

export function formatReport(report: AccountResetReport): string {
  const counts = countOutcomes(report);
  const summary = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  const lines = [
    `${report.dryRun ? 'Dry run' : 'Reset'} of account ${report.accountId} (${report.label}): ${summary || 'nothing to do'}`,
  ];
  for (const outcome of report.outcomes.filter((candidate) => candidate.status === 'failed')) {
    lines.push(
      `  FAILED ${KIND_LABELS[outcome.resource.kind]} ${outcome.resource.name}: ${outcome.errorCode ?? 'Error'}: ${outcome.message ?? ''}`,
    );
  }
  for (const outcome of report.outcomes.filter((candidate) => candidate.status === 'pending')) {
    lines.push(
      `  pending ${KIND_LABELS[outcome.resource.kind]} ${outcome.resource.name}: ${outcome.message ?? ''}`,
    );
  }
  if (report.kept.length)
    lines.push(`  ${report.kept.length} resource(s) of the scope kept: they involve resources outside it`);
  return lines.join('\n');
}
