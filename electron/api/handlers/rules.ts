import { z } from 'zod';
import { isSqlParseError, parseRuleSql } from '../../cloud/iot/rules/sql/index.js';
import type { RuleSqlValidation } from '../contract.js';
import type { DomainHandlers } from './types.js';

export const rulesHandlers: DomainHandlers<'rules'> = {
  'rules.validateSql': {
    input: z.strictObject({
      sql: z.string().max(64 * 1024),
      sqlVersion: z.enum(['2015-10-08', '2016-03-23', 'beta']).optional(),
    }),
    // The parser CreateTopicRule runs, so the editor says what the API would say.
    handle: ({ sql, sqlVersion }): RuleSqlValidation => {
      try {
        const rule = parseRuleSql(sql, sqlVersion ?? '2016-03-23');
        return { valid: true, topicFilter: rule.topicFilter };
      } catch (error) {
        if (!isSqlParseError(error)) throw error;
        return {
          valid: false,
          code: error.code,
          message: error.message,
          line: error.line,
          column: error.column,
        };
      }
    },
  },
  'rules.metrics': {
    handle: (_input, { cloudConsole }) => cloudConsole.rulesMetrics(),
  },
};
