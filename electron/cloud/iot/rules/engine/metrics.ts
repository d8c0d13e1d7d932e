/**
 * Per-rule counters for the UI (AWS shows the same in CloudWatch: RuleMessageThrottled, TopicMatch,
 * Success/Failure per action, ErrorActionSuccess/Failure), kept in memory since the engine started.
 */

export interface RuleActionMetrics {
  /** The action's member name: `s3`, `firehose`, `dynamoDBv2`, `dynamoDB`, `republish`. */
  action: string;
  /** The resource as configured (templates not rendered): bucket, stream, table or topic. */
  resource: string;
  succeeded: number;
  failed: number;
}

export interface RuleError {
  /** Epoch ms. */
  at: number;
  action: string;
  resource: string;
  message: string;
}

export interface RuleMetrics {
  ruleName: string;
  /** Messages whose topic matched the FROM filter and whose WHERE held: the actions ran. */
  matched: number;
  /** Of those, messages for which every action succeeded. */
  succeeded: number;
  /** Of those, messages for which at least one action failed (each counts once). */
  failed: number;
  actions: RuleActionMetrics[];
  errorAction?: RuleActionMetrics;
  /** Messages the engine could not evaluate (a defect of the emulator, logged). */
  evaluationErrors: number;
  /** Epoch ms of the last matched message. */
  lastMatchedAt?: number;
  lastError?: RuleError;
}

/** The live counters of one rule (the engine mutates them; snapshots are copies). */
export class RuleCounters {
  readonly metrics: RuleMetrics;

  constructor(
    ruleName: string,
    actions: readonly { action: string; resource: string }[],
    errorAction: { action: string; resource: string } | undefined,
  ) {
    this.metrics = {
      ruleName,
      matched: 0,
      succeeded: 0,
      failed: 0,
      actions: actions.map(({ action, resource }) => ({ action, resource, succeeded: 0, failed: 0 })),
      evaluationErrors: 0,
    };
    if (errorAction) this.metrics.errorAction = { ...errorAction, succeeded: 0, failed: 0 };
  }

  recordError(at: number, action: string, resource: string, message: string): void {
    this.metrics.lastError = { at, action, resource, message };
  }
}

export function snapshot(metrics: RuleMetrics): RuleMetrics {
  const copy: RuleMetrics = {
    ...metrics,
    actions: metrics.actions.map((action) => ({ ...action })),
  };
  if (metrics.errorAction) copy.errorAction = { ...metrics.errorAction };
  if (metrics.lastError) copy.lastError = { ...metrics.lastError };
  return copy;
}
