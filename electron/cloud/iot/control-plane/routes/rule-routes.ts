import type * as Iot from '@aws-sdk/client-iot';
import type { RestJsonRoute } from '../../../protocols/rest-json.js';
import type { IotContext } from '../context.js';
import * as rules from '../operations/topic-rules.js';
import { pageSize } from '../pagination.js';
import { label, query, queryBoolean, toRoutes } from './bindings.js';

/** Topic rules. Create and Replace bind the whole JSON body to `topicRulePayload` (the model's httpPayload). */
export function ruleRoutes(c: IotContext): RestJsonRoute[] {
  const payload = (i: Parameters<RestJsonRoute['handler']>[0]): Iot.TopicRulePayload =>
    i.body as unknown as Iot.TopicRulePayload;
  return toRoutes([
    [
      'POST',
      '/rules/{ruleName}',
      'CreateTopicRule',
      (i) => rules.CreateTopicRule(c, { ruleName: label(i, 'ruleName'), topicRulePayload: payload(i) }),
    ],
    ['GET', '/rules/{ruleName}', 'GetTopicRule', (i) => rules.GetTopicRule(c, { ruleName: label(i, 'ruleName') })],
    [
      'GET',
      '/rules',
      'ListTopicRules',
      (i) =>
        rules.ListTopicRules(c, {
          topic: query(i, 'topic'),
          ruleDisabled: queryBoolean(i, 'ruleDisabled'),
          nextToken: query(i, 'nextToken'),
          // The model allows 1–10000; AWS's default page size is not documented [V].
          maxResults: pageSize(i.query.get('maxResults'), 'maxResults', 1000, 10000),
        }),
    ],
    [
      'PATCH',
      '/rules/{ruleName}',
      'ReplaceTopicRule',
      (i) => rules.ReplaceTopicRule(c, { ruleName: label(i, 'ruleName'), topicRulePayload: payload(i) }),
    ],
    [
      'DELETE',
      '/rules/{ruleName}',
      'DeleteTopicRule',
      (i) => rules.DeleteTopicRule(c, { ruleName: label(i, 'ruleName') }),
    ],
    [
      'POST',
      '/rules/{ruleName}/enable',
      'EnableTopicRule',
      (i) => rules.EnableTopicRule(c, { ruleName: label(i, 'ruleName') }),
    ],
    [
      'POST',
      '/rules/{ruleName}/disable',
      'DisableTopicRule',
      (i) => rules.DisableTopicRule(c, { ruleName: label(i, 'ruleName') }),
    ],
  ]);
}
