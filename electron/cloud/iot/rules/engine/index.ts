/**
 * The local AWS IoT rules engine: topic rules compiled from the control plane's store, run on every
 * message the broker accepts, with the s3, firehose, dynamoDBv2, dynamoDB and republish actions, the
 * error action and per-rule metrics. See ../README.md.
 */
export {
  RuleDefinitionError,
  SUPPORTED_ACTIONS,
  type ActionKind,
  type RulesDynamoDb,
} from './actions.js';
export { compileTopicRule, type CompiledRule, type TopicRuleDefinition } from './compile.js';
export {
  createRulesEngine,
  type RulesEngine,
  type RulesEngineEvents,
  type RulesEngineMessage,
  type RulesEngineOptions,
  type TopicRuleSource,
} from './engine.js';
export type { RuleActionMetrics, RuleError, RuleMetrics } from './metrics.js';
export type { ActionFailure, ErrorActionMessage } from './payloads.js';
