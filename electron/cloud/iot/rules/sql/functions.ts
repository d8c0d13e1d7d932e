/** The built-in function table (AWS: iot-sql-functions). Names are case-insensitive. */
import { MATH_FUNCTIONS } from './functions-math.js';
import { STRING_FUNCTIONS } from './functions-string.js';
import type { FunctionSpec, FunctionTable } from './functions-types.js';
import { NOT_JSON, parseJsonText } from './json.js';
import { formatJodaTime, parseTimeToEpoch } from './time-format.js';
import { Binary, isArray, isObject, toIntNearest, toNumeric, toSqlString, type SqlValue } from './values.js';

const CONTEXT_FUNCTIONS: FunctionTable = {
  /** topic() is the whole topic; topic(1) its first level; past the last level: Undefined. */
  topic: {
    min: 0,
    max: 1,
    impl: (args, env) => {
      const topic = env.message.topic;
      if (args.length === 0) return topic;
      const n = toIntNearest(args[0]);
      if (n === undefined || n < 1n) return undefined;
      return topic.split('/')[Number(n) - 1];
    },
  },
  /** Milliseconds since the epoch when the rules engine received the message. */
  timestamp: { min: 0, max: 0, impl: (_args, env) => BigInt(Math.trunc(env.message.timestamp)) },
  /** "n/a" when the message did not come over MQTT. */
  clientid: { min: 0, max: 0, impl: (_args, env) => env.message.clientId ?? 'n/a' },
  principal: { min: 0, max: 0, impl: (_args, env) => env.message.principal },
  /** Undefined when the message did not come over MQTT. */
  traceid: { min: 0, max: 0, impl: (_args, env) => env.message.traceId },
  accountid: { min: 0, max: 0, impl: (_args, env) => env.message.accountId },
  newuuid: { min: 0, max: 0, impl: (_args, env) => env.message.newUuid() },
  sql_version: { min: 0, max: 0, impl: (_args, _env, rt) => rt.version },
};

const VALUE_FUNCTIONS: FunctionTable = {
  isnull: { min: 1, max: 1, impl: ([v]) => v === null },
  isundefined: { min: 1, max: 1, since2016: true, impl: ([v]) => v === undefined },
  /**
   * get(["a","b","c"], 1) = "b"; get({"a":"b"}, "a") = "b"; a String gives the character at an
   * index. Indexes convert to Int; out of bounds is Undefined. (The page's example get("abc", 1) = "a"
   * contradicts its own 0-based table; the table is followed.)
   */
  get: {
    min: 2,
    max: 2,
    impl: ([collection, key]) => {
      if (isObject(collection)) return typeof key === 'string' ? collection.get(key) : undefined;
      if (!isArray(collection) && typeof collection !== 'string') return undefined;
      const index = toIntNearest(key);
      if (index === undefined || index < 0n || index >= BigInt(collection.length)) return undefined;
      return collection[Number(index)];
    },
  },
  /**
   * encode(value, 'base64'): `*` encodes the payload bytes as received (compiled specially); any other
   * value is converted to a String and its UTF-8 bytes encoded.
   */
  encode: {
    min: 2,
    max: 2,
    since2016: true,
    impl: ([value, scheme]) => {
      if (typeof scheme !== 'string' || scheme.toLowerCase() !== 'base64') return undefined;
      if (value instanceof Binary) return Buffer.from(value.bytes).toString('base64');
      const text = toSqlString(value);
      return text === undefined ? undefined : Buffer.from(text, 'utf8').toString('base64');
    },
  },
  /**
   * decode(value, 'base64'): a decoded JSON document becomes addressable (`decode(x, 'base64').temperature`),
   * other text stays a String; text that is not base64 gives Null.
   */
  decode: {
    min: 2,
    max: 2,
    since2016: true,
    impl: ([value, scheme], _env, rt) => {
      if (typeof scheme !== 'string' || scheme.toLowerCase() !== 'base64') return undefined;
      const text = toSqlString(value);
      if (text === undefined) return undefined;
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
      const decoded = Buffer.from(text, 'base64').toString('utf8');
      const json = parseJsonText(decoded, rt.policy);
      return json === NOT_JSON ? decoded : json;
    },
  },
  /** transform('enrichArray', object, array): each object of the array plus the object's attributes. */
  transform: {
    min: 3,
    max: 3,
    since2016: true,
    impl: ([mode, extra, items]) => {
      if (mode !== 'enrichArray' || !isObject(extra) || !isArray(items)) return undefined;
      const out: SqlValue[] = [];
      for (const item of items) {
        if (!isObject(item)) continue;
        out.push(new Map([...item, ...extra]));
      }
      return out;
    },
  },
  /** parse_time(pattern, epochMs[, zone]): Joda-Time pattern, zone "UTC" by default. */
  parse_time: {
    min: 2,
    max: 3,
    since2016: true,
    impl: ([pattern, epoch, zone]) => {
      const p = toSqlString(pattern);
      const ms = toNumeric(epoch);
      const z = zone === undefined ? 'UTC' : toSqlString(zone);
      if (p === undefined || ms === undefined || z === undefined) return undefined;
      return formatJodaTime(p, Number(typeof ms === 'bigint' ? ms : ms.truncate()), z);
    },
  },
  /** time_to_epoch(timestamp, pattern): milliseconds; UTC when the text names no zone. */
  time_to_epoch: {
    min: 2,
    max: 2,
    since2016: true,
    impl: ([text, pattern]) => {
      const t = toSqlString(text);
      const p = toSqlString(pattern);
      if (t === undefined || p === undefined) return undefined;
      const ms = parseTimeToEpoch(t, p);
      return ms === undefined ? undefined : BigInt(ms);
    },
  },
};

export const FUNCTIONS: FunctionTable = {
  ...CONTEXT_FUNCTIONS,
  ...VALUE_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...STRING_FUNCTIONS,
};

/** AWS functions that call other services or need data the local cloud does not have. */
export const UNSUPPORTED_FUNCTIONS: Readonly<Record<string, string>> = {
  aws_lambda: 'calls AWS Lambda',
  get_dynamodb: 'reads a DynamoDB table during rule evaluation',
  get_thing_shadow: 'reads a device shadow',
  get_registry_data: 'reads the thing registry',
  get_secret: 'reads AWS Secrets Manager',
  machinelearning_predict: 'calls Amazon Machine Learning',
  get_mqtt_property: 'reads MQTT 5 properties',
  get_user_properties: 'reads MQTT 5 user properties',
  md2: 'needs the MD2 digest, which this platform does not provide',
};

export function lookupFunction(name: string): FunctionSpec | undefined {
  return Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}
