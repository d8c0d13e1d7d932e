/**
 * npm run reset -- [--endpoint-file F | --profile P | --credentials-file F]… [--scope lab|all-tp] [--dry-run] [--json] [--yes]
 *
 * The instructor reset: in each account, lists the lab's resources, then deletes them in dependency
 * order and reports what was deleted and what failed (electron/reset). Exit code 1 when something failed.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { AccountResetReport, ResetInventory, ResetScopeId } from '../api/contract.js';
import { isMainModule } from './main-module.js';
import {
  accountFromEndpointFile,
  accountFromProfile,
  accountsFromCredentialsFile,
  countOutcomes,
  deleteInventory,
  formatInventory,
  formatOutcome,
  formatReport,
  isResetScopeId,
  takeInventory,
  withResetClients,
  type ResetAccount,
} from '../reset/index.js';

export const USAGE = `Usage: npm run reset -- [accounts] [options]

Lists the lab's resources in each account, then deletes them in dependency order.

Accounts (repeat any of them; several accounts are reset one after the other):
  --endpoint-file <file>     a local cloud's endpoints.json (written by npm run cloud and the app)
  --profile <name[,name]>    AWS profiles of ~/.aws/credentials or ~/.aws/config
  --credentials-file <file>  AWS Academy "AWS Details" blocks, one per account
  --region <region>          region for profiles and blocks without one (default us-east-1)

Options:
  --scope lab|all-tp         lab: the names the lessons create (default); all-tp: every name the TP uses
  --dry-run                  list and say what would be deleted; change nothing
  --json                     print one JSON document (inventories and reports) instead of text
  --yes                      do not ask for confirmation on a terminal
  -h, --help                 show this help
`;

export interface ResetCliEnvironment {
  stdout: Pick<NodeJS.WriteStream, 'write'>;
  stderr: Pick<NodeJS.WriteStream, 'write'>;
  cwd: string;
  /** Asks the user; undefined when there is no terminal to ask on. */
  ask?: (question: string) => Promise<string>;
}

interface ResetRequest {
  scope: ResetScopeId;
  dryRun: boolean;
  json: boolean;
  yes: boolean;
  region?: string;
  sources: Array<{ kind: 'endpoint-file' | 'profile' | 'credentials-file'; value: string }>;
}

export function parseResetArguments(
  argv: readonly string[],
): ResetRequest | { help: true } | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        'endpoint-file': { type: 'string', multiple: true },
        profile: { type: 'string', multiple: true },
        'credentials-file': { type: 'string', multiple: true },
        region: { type: 'string' },
        scope: { type: 'string', default: 'lab' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const { values, tokens } = parsed;
  if (values.help) return { help: true };
  if (!isResetScopeId(values.scope)) return { error: `--scope is lab or all-tp, not "${values.scope}"` };
  // In the order given on the command line.
  const sources: ResetRequest['sources'] = [];
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    if (token.name === 'endpoint-file' || token.name === 'credentials-file') {
      sources.push({ kind: token.name, value: token.value });
    } else if (token.name === 'profile') {
      for (const name of token.value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)) {
        sources.push({ kind: 'profile', value: name });
      }
    }
  }
  if (sources.length === 0) {
    return { error: 'say which account to reset: --endpoint-file, --profile or --credentials-file' };
  }
  return {
    scope: values.scope,
    dryRun: values['dry-run'],
    json: values.json,
    yes: values.yes,
    ...(values.region ? { region: values.region } : {}),
    sources,
  };
}

async function resolveAccounts(request: ResetRequest, cwd: string): Promise<ResetAccount[]> {
  const accounts: ResetAccount[] = [];
  for (const source of request.sources) {
    if (source.kind === 'endpoint-file')
      accounts.push(await accountFromEndpointFile(resolve(cwd, source.value), source.value));
    else if (source.kind === 'profile')
      accounts.push(await accountFromProfile(source.value, { region: request.region }));
    else
      accounts.push(
        ...(await accountsFromCredentialsFile(resolve(cwd, source.value), { region: request.region })),
      );
  }
  return accounts;
}

type AccountResult =
  | { label: string; inventory: ResetInventory; report?: AccountResetReport; skipped?: string }
  | { label: string; error: { code: string; message: string } };

const messageOf = (error: unknown): { code: string; message: string } => ({
  code: error instanceof Error ? error.name : 'Error',
  message: error instanceof Error ? error.message : String(error),
});

/** Runs the command; returns the process exit code. */
export async function runReset(argv: readonly string[], io: ResetCliEnvironment): Promise<number> {
  const request = parseResetArguments(argv);
  if ('help' in request) {
    io.stdout.write(USAGE);
    return 0;
  }
  if ('error' in request) {
    io.stderr.write(`reset: ${request.error}\n\n${USAGE}`);
    return 2;
  }
  const text = (line: string) => {
    if (!request.json) io.stdout.write(`${line}\n`);
  };

  let accounts: ResetAccount[];
  try {
    accounts = await resolveAccounts(request, io.cwd);
  } catch (error) {
    io.stderr.write(`reset: ${messageOf(error).message}\n`);
    return 2;
  }

  const results: AccountResult[] = [];
  for (const account of accounts) {
    try {
      const result = await withResetClients(account.target, async (clients) => {
        const inventory = await takeInventory(clients, { scope: request.scope, label: account.label });
        text(formatInventory(inventory));
        if (inventory.resources.length > 0 && !request.dryRun && !request.yes && io.ask) {
          const answer = (
            await io.ask(
              `Delete these ${inventory.resources.length} resource(s)? Type the account id (${inventory.accountId}) or "reset": `,
            )
          ).trim();
          if (answer !== inventory.accountId && answer !== 'reset') {
            text(`Account ${inventory.accountId} left as it is.`);
            return { label: account.label, inventory, skipped: 'not confirmed' };
          }
        }
        const report = await deleteInventory(clients, inventory, {
          dryRun: request.dryRun,
          // A dry run's plan is the inventory above: only a real run prints each step.
          onProgress: (outcome, done, total) => {
            if (!request.dryRun) text(formatOutcome(outcome, done, total));
          },
        });
        text(formatReport(report));
        return { label: account.label, inventory, report };
      });
      results.push(result);
    } catch (error) {
      const failure = messageOf(error);
      io.stderr.write(`reset: ${account.label}: ${failure.code}: ${failure.message}\n`);
      results.push({ label: account.label, error: failure });
    }
    text('');
  }

  if (request.json)
    io.stdout.write(
      `${JSON.stringify({ scope: request.scope, dryRun: request.dryRun, accounts: results }, null, 2)}\n`,
    );
  const failed = results.some(
    (result) => 'error' in result || (result.report !== undefined && countOutcomes(result.report).failed > 0),
  );
  return failed ? 1 : 0;
}

if (isMainModule(import.meta.url)) {
  const terminal = process.stdin.isTTY && process.stdout.isTTY;
  const ask = terminal
    ? async (question: string) => {
        const prompt = createInterface({ input: process.stdin, output: process.stdout });
        try {
          return await prompt.question(question);
        } finally {
          prompt.close();
        }
      }
    : undefined;
  runReset(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    ask,
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
