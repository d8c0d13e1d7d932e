/**
 * The rules engine: every message the broker accepts goes through `onMessage`, on the broker's hot
 * path, before its PUBACK. The enabled rules are compiled in memory (recompiled when one changes);
 * the rules a topic reaches are cached per topic; the payload is parsed once for all of them. S3
 * puts and republishes run at once; Firehose records and DynamoDB writes join the tick's
 * {@link WriteBatch}, and `onMessage` returns the promise of its commit, which the broker awaits
 * before it acknowledges the message.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { LocalS3 } from '../../../s3/index.js';
import type { TopicRuleRecord } from '../../control-plane/store/index.js';
import { evaluateRule, prepareMessage, topicMatchesFilter, type PreparedMessage, type RuleMessage } from '../sql/index.js';
import type { ActionInput, ActionServices, CompiledAction, RulesDynamoDb } from './actions.js';
import { compileTopicRule, type CompiledRule } from './compile.js';
import { RuleCounters, snapshot, type RuleMetrics } from './metrics.js';
import { errorActionMessage, type ActionFailure } from './payloads.js';
import { WriteBatch } from './write-batch.js';

/** A message as the broker accepted it (the broker's `AcceptedMessage`). */
export interface RulesEngineMessage {
  topic: string;
  payload: Buffer;
  clientId: string;
  principal: string;
  /** Epoch ms when the broker accepted it: `timestamp()`. */
  timestamp: number;
}

/** Where the rules come from: the IoT control plane's store. */
export interface TopicRuleSource {
  list(): readonly TopicRuleRecord[];
  /** Calls `listener` after a rule was created, replaced, deleted, enabled or disabled; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export interface RulesEngineOptions {
  rules: TopicRuleSource;
  /** `accountid()`. */
  accountId: string;
  s3: Pick<LocalS3, 'PutObject'>;
  dynamodb: RulesDynamoDb;
  /** Firehose's in-process put; without it firehose actions fail. */
  firehose?: { putRecords(streamName: string, records: readonly Uint8Array[]): void };
  /** The broker's publish as the service, for republish actions. */
  republish?: (message: { topic: string; payload: Buffer; qos: 0 | 1 }) => Promise<void> | void;
  /** Runs a batch's writes in one SQLite transaction (default: no transaction). */
  transaction?: (work: () => void) => void;
  /** Epoch ms for metrics (default `Date.now`). */
  now?: () => number;
  log?: (line: string) => void;
  /** Least interval between two `metrics` events (default 250 ms). */
  metricsIntervalMs?: number;
}

export interface RulesEngineEvents {
  /** Every rule's metrics, at most every `metricsIntervalMs` while messages flow. */
  metrics: [Record<string, RuleMetrics>];
}

export interface RulesEngine {
  /**
   * Runs the rules a message reaches. Returns undefined when nothing is left to do, or a promise that
   * resolves once the message's Firehose records and DynamoDB writes are committed (acknowledge it
   * then). It never rejects for a failed action (that goes to the error action and the metrics),
   * only when the store could not commit at all.
   */
  onMessage(message: RulesEngineMessage): Promise<void> | undefined;
  /** Every rule's counters since the engine started, by rule name. */
  metrics(): Record<string, RuleMetrics>;
  readonly events: EventEmitter<RulesEngineEvents>;
  /** Re-reads the rules (called by itself when the control plane reports a change). */
  reload(): void;
  /** Writes the pending batch now. */
  flush(): void;
  /** Writes the pending batch and stops; later messages run no rule. */
  stop(): Promise<void>;
}

// A republish chain this deep is a loop (a rule republishing to a topic it listens to): it is cut
// there so that it cannot take the broker down [V: AWS documents no limit].
const MAX_REPUBLISH_DEPTH = 8;
const MAX_CACHED_TOPICS = 10_000;
const BASIC_INGEST = '$aws/rules/';

interface ActiveRule {
  compiled: CompiledRule;
  counters: RuleCounters;
  /** The actions' kinds and resources: counters carry over a reload that keeps them. */
  signature: string;
  enabled: boolean;
  loggedEvaluationError: boolean;
}

function signatureOf(compiled: CompiledRule): string {
  const describe = (action: CompiledAction | undefined) => action && `${action.kind}:${action.resource}`;
  return JSON.stringify([compiled.actions.map(describe), describe(compiled.errorAction)]);
}

/**
 * A broker message as the SQL sees it. Its trace id is made when first read (`traceid()`, an error
 * action): a random UUID costs as much as a rule's WHERE. A class, because V8 handles object literals
 * with getters badly (see `PayloadContext`).
 */
class EngineMessage implements RuleMessage {
  readonly topic: string;
  readonly payload: Buffer;
  readonly clientId: string;
  readonly principal: string;
  readonly timestamp: number;
  private id: string | undefined;

  constructor(
    message: RulesEngineMessage,
    readonly accountId: string,
  ) {
    this.topic = message.topic;
    this.payload = message.payload;
    this.clientId = message.clientId;
    this.principal = message.principal;
    this.timestamp = message.timestamp;
  }

  get traceId(): string {
    return (this.id ??= randomUUID());
  }
}

/** An action's view of a matched message. */
class MatchedInput implements ActionInput {
  constructor(
    readonly topic: string,
    readonly prepared: PreparedMessage,
    private readonly evaluation: { readonly payload: Buffer; readonly result: unknown },
  ) {}

  /** Serialized when an action sends it. */
  get payload(): Buffer {
    return this.evaluation.payload;
  }

  result(): unknown {
    return this.evaluation.result;
  }
}

/** One run of an action: its outcome is reported once, whether it calls back or throws. */
class ActionCall {
  private called = false;

  constructor(private readonly done: (failure?: ActionFailure) => void) {}

  finish(failure?: ActionFailure): void {
    if (this.called) return;
    this.called = true;
    this.done(failure);
  }
}

export function createRulesEngine(options: RulesEngineOptions): RulesEngine {
  const now = options.now ?? Date.now;
  const transaction = options.transaction ?? ((work: () => void) => work());
  const events = new EventEmitter<RulesEngineEvents>();
  let active = new Map<string, ActiveRule>();
  let enabled: ActiveRule[] = [];
  const routes = new Map<string, ActiveRule[]>();
  let batch: WriteBatch | undefined;
  let followUp: WriteBatch | undefined;
  let flushing = false;
  let scheduled: NodeJS.Immediate | undefined;
  let batchUses = 0;
  let republishDepth = 0;
  let metricsTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  const targets = {
    putRecords: (streamName: string, records: readonly Uint8Array[]) => options.firehose!.putRecords(streamName, records),
    transaction,
  };

  function flush(): void {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    const current = batch;
    if (!current) return;
    batch = undefined;
    flushing = true;
    try {
      current.write(targets);
      // Error actions of the writes that failed: written before the batch's messages are acknowledged.
      while (followUp) {
        const next = followUp;
        followUp = undefined;
        next.write(targets);
      }
    } finally {
      flushing = false;
    }
  }

  const services: ActionServices = {
    s3: options.s3,
    dynamodb: options.dynamodb,
    firehose: options.firehose !== undefined,
    batch() {
      batchUses++;
      if (flushing) return (followUp ??= new WriteBatch());
      if (!batch) {
        batch = new WriteBatch();
        scheduled = setImmediate(flush);
      }
      return batch;
    },
    republish(message) {
      if (!options.republish) throw new Error('Republishing is not available in this local cloud.');
      if (republishDepth >= MAX_REPUBLISH_DEPTH) {
        throw new Error(`Republish loop: the message was already republished ${MAX_REPUBLISH_DEPTH} times in a row.`);
      }
      republishDepth++;
      try {
        const published = options.republish(message);
        published?.catch((error: unknown) => options.log?.(`rules: republish to ${message.topic} failed: ${String(error)}`));
      } finally {
        republishDepth--;
      }
    },
  };

  function announceMetrics(): void {
    if (metricsTimer !== undefined || events.listenerCount('metrics') === 0) return;
    metricsTimer = setTimeout(() => {
      metricsTimer = undefined;
      events.emit('metrics', metrics());
    }, options.metricsIntervalMs ?? 250);
    metricsTimer.unref();
  }

  function runErrorAction(rule: ActiveRule, message: RulesEngineMessage, prepared: PreparedMessage | undefined, failures: ActionFailure[]): void {
    const errorAction = rule.compiled.errorAction;
    const counters = rule.counters.metrics.errorAction;
    if (!errorAction || !counters || !prepared) return;
    const document = errorActionMessage({
      ruleName: rule.compiled.name,
      topic: message.topic,
      traceId: prepared.message.traceId ?? randomUUID(),
      clientId: message.clientId,
      payload: message.payload,
      failures,
    });
    // Templates in the error action read the original message (`topic()`, its fields).
    const input: ActionInput = { topic: message.topic, prepared, payload: Buffer.from(JSON.stringify(document)), result: () => document };
    runGuarded(errorAction, input, (failure) => {
      if (!failure) counters.succeeded++;
      else {
        counters.failed++;
        rule.counters.recordError(now(), `errorAction.${errorAction.kind}`, failure.failedResource, failure.errorMessage);
      }
      announceMetrics();
    });
  }

  /** Runs an action; a defect that throws becomes the action's failure instead of reaching the broker. */
  function runGuarded(action: CompiledAction, input: ActionInput, done: (failure?: ActionFailure) => void): void {
    const call = new ActionCall(done);
    try {
      action.run(input, services, (failure) => call.finish(failure));
    } catch (error) {
      options.log?.(`rules: the ${action.kind} action threw: ${error instanceof Error ? error.stack : String(error)}`);
      call.finish({ failedAction: action.failedAction, failedResource: action.resource, errorMessage: `Internal error: ${String(error)}` });
    }
  }

  function fire(rule: ActiveRule, message: RulesEngineMessage, prepared: PreparedMessage): void {
    const metrics = rule.counters.metrics;
    const evaluation = evaluateRule(rule.compiled.sql, prepared);
    if (!evaluation.matched) {
      if (evaluation.error !== undefined) {
        metrics.evaluationErrors++;
        rule.counters.recordError(now(), 'sql', rule.compiled.name, evaluation.error);
        if (!rule.loggedEvaluationError) options.log?.(`rules: ${rule.compiled.name} could not evaluate a message: ${evaluation.error}`);
        rule.loggedEvaluationError = true;
      }
      return;
    }
    metrics.matched++;
    metrics.lastMatchedAt = message.timestamp;
    const actions = rule.compiled.actions;
    if (actions.length === 0) {
      metrics.succeeded++;
      return announceMetrics();
    }
    const input = new MatchedInput(message.topic, prepared, evaluation);
    // What the callbacks below keep alive until the batch commits: the parsed message only when an
    // error action may need it, so that the documents of a burst die young (minor GCs, small heap).
    const forErrorAction = rule.compiled.errorAction ? prepared : undefined;
    let pending = actions.length;
    let failures: ActionFailure[] | undefined;
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i]!;
      const counters = metrics.actions[i]!;
      runGuarded(action, input, (failure) => {
        if (!failure) counters.succeeded++;
        else {
          counters.failed++;
          (failures ??= []).push(failure);
          rule.counters.recordError(now(), action.kind, failure.failedResource, failure.errorMessage);
        }
        if (--pending > 0) return;
        if (failures) {
          metrics.failed++;
          runErrorAction(rule, message, forErrorAction, failures);
        } else metrics.succeeded++;
        announceMetrics();
      });
    }
  }

  /** The enabled rules a topic reaches: its FROM filter, or only the named rule for Basic Ingest. */
  function rulesFor(topic: string): ActiveRule[] {
    let rules = routes.get(topic);
    if (rules !== undefined) return rules;
    if (topic.startsWith(BASIC_INGEST)) {
      // AWS (iot-basic-ingest): `$aws/rules/<ruleName>/…` invokes that rule alone.
      const name = topic.slice(BASIC_INGEST.length).split('/', 1)[0] ?? '';
      const rule = active.get(name);
      rules = rule?.enabled ? [rule] : [];
    } else {
      rules = enabled.filter(({ compiled: { topicFilter, exactTopic } }) =>
        topicFilter === undefined ? false : exactTopic ? topicFilter === topic : topicMatchesFilter(topic, topicFilter),
      );
    }
    if (routes.size >= MAX_CACHED_TOPICS) routes.clear();
    routes.set(topic, rules);
    return rules;
  }

  function onMessage(message: RulesEngineMessage): Promise<void> | undefined {
    if (stopped || enabled.length === 0) return undefined;
    const rules = rulesFor(message.topic);
    if (rules.length === 0) return undefined;
    const uses = batchUses;
    const prepared = prepareMessage(new EngineMessage(message, options.accountId));
    for (const rule of rules) fire(rule, message, prepared);
    return batchUses !== uses && batch ? batch.committed : undefined;
  }

  function reload(): void {
    const next = new Map<string, ActiveRule>();
    for (const record of options.rules.list()) {
      let compiled: CompiledRule;
      try {
        compiled = compileTopicRule(record);
      } catch (error) {
        options.log?.(`rules: ${record.name} cannot be compiled and does not run: ${String(error)}`);
        continue;
      }
      const signature = signatureOf(compiled);
      const previous = active.get(record.name);
      let counters = previous?.counters;
      if (!counters || previous?.signature !== signature) {
        const describe = (action: CompiledAction) => ({ action: action.kind, resource: action.resource });
        counters = new RuleCounters(record.name, compiled.actions.map(describe), compiled.errorAction && describe(compiled.errorAction));
        if (previous) {
          const { matched, succeeded, failed, evaluationErrors, lastMatchedAt, lastError } = previous.counters.metrics;
          Object.assign(counters.metrics, { matched, succeeded, failed, evaluationErrors, lastMatchedAt, lastError });
        }
      }
      next.set(record.name, { compiled, counters, signature, enabled: !record.disabled, loggedEvaluationError: false });
    }
    active = next;
    enabled = [...next.values()].filter((rule) => rule.enabled);
    routes.clear();
    announceMetrics();
  }

  function metrics(): Record<string, RuleMetrics> {
    const out: Record<string, RuleMetrics> = {};
    for (const [name, rule] of active) out[name] = snapshot(rule.counters.metrics);
    return out;
  }

  const unsubscribe = options.rules.onChange(reload);
  reload();

  return {
    onMessage,
    metrics,
    events,
    reload,
    flush,
    stop() {
      if (!stopped) {
        flush();
        stopped = true;
        unsubscribe();
        if (metricsTimer) clearTimeout(metricsTimer);
        metricsTimer = undefined;
      }
      return Promise.resolve();
    },
  };
}
