import type { Action } from '@aws-sdk/client-iot';
import { parseRuleSql, type ParsedRule, type SqlVersion } from '../sql/index.js';
import { compileAction, type CompiledAction } from './actions.js';

/** What a rule is made of, as CreateTopicRule stores it. */
export interface TopicRuleDefinition {
  name: string;
  sql: string;
  awsIotSqlVersion: string;
  actions: readonly Action[];
  errorAction?: Action;
}

/** A rule ready to run: SQL parsed and compiled, action templates compiled. */
export interface CompiledRule {
  readonly name: string;
  readonly sql: ParsedRule;
  /** The FROM filter; undefined for a rule only reached through Basic Ingest. */
  readonly topicFilter: string | undefined;
  /** The filter has no wildcard: a string comparison decides. */
  readonly exactTopic: boolean;
  readonly actions: readonly CompiledAction[];
  readonly errorAction: CompiledAction | undefined;
}

/**
 * Compiles a rule. Throws `SqlParseError` for the SQL and `RuleDefinitionError` for an action, with
 * the member path AWS's validation messages use (`topicRulePayload.actions.1.member.s3.key`).
 */
export function compileTopicRule(definition: TopicRuleDefinition): CompiledRule {
  const version = definition.awsIotSqlVersion as SqlVersion;
  const sql = parseRuleSql(definition.sql, version);
  const actions = definition.actions.map((action, index) =>
    compileAction(action, version, `topicRulePayload.actions.${index + 1}.member`),
  );
  const errorAction =
    definition.errorAction === undefined
      ? undefined
      : compileAction(definition.errorAction, version, 'topicRulePayload.errorAction');
  const topicFilter = sql.topicFilter;
  return {
    name: definition.name,
    sql,
    topicFilter,
    exactTopic: topicFilter !== undefined && !topicFilter.includes('+') && !topicFilter.includes('#'),
    actions,
    errorAction,
  };
}
