/** What an expression sees while it is evaluated. */
import type { NumberPolicy, SqlValue, SqlVersion } from './values.js';

/** One incoming message, prepared once for every rule and template that reads it. */
export interface MessageContext {
  /** The topic as `topic()` reports it (without a Basic Ingest `$aws/rules/<rule>/` prefix). */
  readonly topic: string;
  readonly raw: Uint8Array;
  /** The parsed payload, when it is JSON (an object or an array at the top). */
  readonly isJson: boolean;
  readonly json: SqlValue;
  /** `json` as compact JSON bytes (what `SELECT *` sends), made once on demand. */
  compactJson(): Buffer;
  readonly clientId: string | undefined;
  readonly principal: string | undefined;
  readonly timestamp: number;
  readonly traceId: string | undefined;
  readonly accountId: string | undefined;
  readonly newUuid: () => string;
}

export interface Env {
  /** The document field names resolve against: the payload, or an element in a nested query. */
  readonly root: SqlValue;
  readonly message: MessageContext;
}

/** Per-rule constants. */
export interface Runtime {
  readonly version: SqlVersion;
  readonly policy: NumberPolicy;
}
