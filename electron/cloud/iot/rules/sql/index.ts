/**
 * AWS IoT SQL for the local rules engine: parse a rule's SQL (SqlParseException on bad SQL), match
 * topics against its FROM filter, evaluate WHERE and SELECT per message, and render the `${…}`
 * substitution templates of its actions. Pure: no I/O, no clock (the message carries its timestamp).
 */
export { SqlParseError, isSqlParseError } from './errors.js';
export {
  DEFAULT_SQL_VERSION,
  PreparedMessage,
  SQL_VERSIONS,
  evaluateRule,
  parseRuleSql,
  prepareMessage,
  type ParsedRule,
  type RuleEvaluation,
  type RuleMessage,
} from './evaluate.js';
export {
  compileSubstitutionTemplate,
  renderSubstitutionTemplate,
  type CompiledTemplate,
} from './template.js';
export { topicMatchesFilter, validateTopicFilter } from './topic.js';
export type { SqlVersion } from './values.js';
