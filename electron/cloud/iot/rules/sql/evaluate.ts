/** Parsing a rule once and evaluating it against each message. */
import { randomUUID } from 'node:crypto';
import type { Query } from './ast.js';
import { compileSelect, compileWhere, type Evaluator } from './compile.js';
import type { Env, MessageContext, Runtime } from './env.js';
import { SqlParseError } from './errors.js';
import { NOT_JSON, readJsonPayload, type JsonPayload } from './json.js';
import { parseQuery } from './parser.js';
import { Binary, numberPolicy, serializeJson, toJsValue, type SqlValue, type SqlVersion } from './values.js';

export const SQL_VERSIONS: readonly SqlVersion[] = ['2015-10-08', '2016-03-23', 'beta'];
/** AWS (iot-create-rule): the API, CLI and CloudFormation use 2015-10-08 when awsIotSqlVersion is omitted. */
export const DEFAULT_SQL_VERSION: SqlVersion = '2015-10-08';

/** A message as the broker (or iot-data Publish) hands it to the rules engine. */
export interface RuleMessage {
  readonly topic: string;
  readonly payload: Uint8Array;
  /** MQTT client id; `clientid()` is "n/a" without one (HTTP publish). */
  readonly clientId?: string;
  /** Certificate id (64 hex) or IAM principal; `principal()` is Undefined without one. */
  readonly principal?: string;
  /** Milliseconds since the epoch when the rules engine received the message: `timestamp()`. */
  readonly timestamp: number;
  /** `traceid()`; Undefined without one (non-MQTT). */
  readonly traceId?: string;
  /** `accountid()`: the account that owns the rule. */
  readonly accountId?: string;
  /** Source of `newuuid()` values (tests make it deterministic); random v4 UUIDs otherwise. */
  readonly newUuid?: () => string;
}

export interface ParsedRule {
  readonly sql: string;
  readonly sqlVersion: SqlVersion;
  /** The FROM topic filter; absent for rules only reached through Basic Ingest. */
  readonly topicFilter: string | undefined;
  readonly query: Query;
}

export type RuleEvaluation =
  /** WHERE was not Boolean true (false, Undefined or another type): no actions, no error action. */
  | { readonly matched: false; readonly error?: string }
  | {
      readonly matched: true;
      /** The SELECT result as a plain JS value, a Buffer for non-JSON `SELECT *`, undefined for an Undefined `SELECT VALUE`. */
      readonly result: unknown;
      /** The bytes actions send: compact JSON, the raw payload, or empty for Undefined. */
      readonly payload: Buffer;
    };

interface Program {
  readonly runtime: Runtime;
  readonly where: Evaluator | undefined;
  readonly select: Evaluator;
}

const programs = new WeakMap<ParsedRule, Program>();

/** Parses (and compiles) a rule's SQL; throws {@link SqlParseError} for SQL AWS would refuse. */
export function parseRuleSql(sql: string, version: SqlVersion = DEFAULT_SQL_VERSION): ParsedRule {
  if (!SQL_VERSIONS.includes(version)) {
    throw new SqlParseError(
      `unknown SQL version; use one of ${SQL_VERSIONS.join(', ')}`,
      1,
      1,
      String(version),
    );
  }
  const query = parseQuery(sql, version);
  const rule: ParsedRule = Object.freeze({
    sql,
    sqlVersion: version,
    topicFilter: query.from?.kind === 'topic' ? query.from.filter : undefined,
    query,
  });
  const runtime: Runtime = { version, policy: numberPolicy(version) };
  programs.set(rule, { runtime, where: compileWhere(query, runtime), select: compileSelect(query, runtime) });
  return rule;
}

/**
 * A message as expressions see it. A class, not an object literal: `traceId` is a getter (the engine
 * makes trace ids lazily), and V8 allocates object literals with accessors in a way that makes the
 * whole parsed document outlive the young generation.
 */
class PayloadContext implements MessageContext {
  readonly topic: string;
  readonly raw: Uint8Array;
  readonly isJson: boolean;
  readonly json: SqlValue;
  readonly clientId: string | undefined;
  readonly principal: string | undefined;
  readonly timestamp: number;
  readonly accountId: string | undefined;
  readonly newUuid: () => string;
  private compact: Buffer | undefined;

  constructor(
    private readonly message: RuleMessage,
    private readonly payload: JsonPayload | typeof NOT_JSON,
  ) {
    this.topic = basicIngestTopic(message.topic);
    this.raw = message.payload;
    this.isJson = payload !== NOT_JSON;
    this.json = payload === NOT_JSON ? undefined : payload.value;
    this.clientId = message.clientId;
    this.principal = message.principal;
    this.timestamp = message.timestamp;
    this.accountId = message.accountId;
    this.newUuid = message.newUuid ?? randomUUID;
  }

  /** Read when asked: the broker's trace ids are made lazily, most rules never ask. */
  get traceId(): string | undefined {
    return this.message.traceId;
  }

  compactJson(): Buffer {
    this.compact ??= this.payload === NOT_JSON ? Buffer.alloc(0) : this.payload.compactBytes();
    return this.compact;
  }
}

/**
 * A message read once for all the rules and templates it meets: the payload is parsed at most once
 * per number policy (2015-10-08 keeps `10.0`, later versions read it as `10`).
 */
export class PreparedMessage {
  private readonly contexts = new Map<boolean, MessageContext>();

  constructor(readonly message: RuleMessage) {}

  context(version: SqlVersion): MessageContext {
    const keepDecimals = version === '2015-10-08';
    let ctx = this.contexts.get(keepDecimals);
    if (ctx === undefined) {
      ctx = new PayloadContext(this.message, readJsonPayload(this.message.payload, numberPolicy(version)));
      this.contexts.set(keepDecimals, ctx);
    }
    return ctx;
  }
}

export function prepareMessage(message: RuleMessage | PreparedMessage): PreparedMessage {
  return message instanceof PreparedMessage ? message : new PreparedMessage(message);
}

/**
 * AWS (iot-sql-functions, topic): with Basic Ingest the `$aws/rules/<rule-name>/` prefix "is not
 * available to the topic() function".
 */
function basicIngestTopic(topic: string): string {
  if (!topic.startsWith('$aws/rules/')) return topic;
  const rest = topic.indexOf('/', '$aws/rules/'.length);
  return rest < 0 ? '' : topic.slice(rest + 1);
}

export function messageEnv(message: RuleMessage | PreparedMessage, version: SqlVersion): Env {
  const ctx = prepareMessage(message).context(version);
  return { root: ctx.isJson ? ctx.json : undefined, message: ctx };
}

class MatchedRule {
  readonly matched = true as const;
  private js: { value: unknown } | undefined;
  private bytes: Buffer | undefined;

  constructor(
    private readonly output: SqlValue,
    private readonly env: Env,
  ) {}

  /** Made when an action sends it (a DynamoDB action reads `result` only). */
  get payload(): Buffer {
    // The document itself (`SELECT *`): its compact bytes are made from the payload, once for all rules.
    this.bytes ??=
      this.output === this.env.root && this.env.message.isJson
        ? this.env.message.compactJson()
        : outputBytes(this.output);
    return this.bytes;
  }

  get result(): unknown {
    this.js ??= { value: this.output instanceof Binary ? this.payload : toJsValue(this.output) };
    return this.js.value;
  }
}

function outputBytes(output: SqlValue): Buffer {
  if (output instanceof Binary) {
    const b = output.bytes;
    return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  }
  // AWS (iot-sql-data-types): "Undefined is converted to an empty string when serialized by itself."
  const text = serializeJson(output);
  return text === undefined ? Buffer.alloc(0) : Buffer.from(text, 'utf8');
}

/**
 * Runs WHERE, then SELECT (AWS: iot-sql-where, "The WHERE clause is evaluated first"). Routing is
 * the caller's: check {@link ParsedRule.topicFilter} (or Basic Ingest) before calling.
 */
export function evaluateRule(rule: ParsedRule, message: RuleMessage | PreparedMessage): RuleEvaluation {
  const program = programs.get(rule);
  if (program === undefined) return { matched: false, error: 'rule was not created by parseRuleSql' };
  try {
    const env = messageEnv(message, program.runtime.version);
    if (program.where !== undefined && program.where(env) !== true) return { matched: false };
    const output = program.select(env);
    return new MatchedRule(output, env);
  } catch (error) {
    // A defect of the emulator, never of the message: report it rather than take the broker down.
    return { matched: false, error: error instanceof Error ? error.message : String(error) };
  }
}
