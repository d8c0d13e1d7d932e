import type { AutomationDefinition, CheckDefinition } from '../registry-types.js';
import * as athena from './athena.js';
import * as devices from './devices.js';
import * as dynamodb from './dynamodb.js';
import * as fleet from './fleet.js';
import * as glue from './glue.js';
import * as rules from './rules.js';
import * as setup from './setup.js';
import * as storage from './storage.js';
import * as things from './things.js';

/**
 * Every check and automation a lesson may name. Lessons refer to them by name in their front
 * matter; `lessons:check` fails on a name missing here.
 */
export const CHECKS: ReadonlyMap<string, CheckDefinition> = new Map(
  [
    setup.cloudReachable,
    setup.bucketsExist,
    things.thingExistsCheck,
    things.thingCertificateCheck,
    things.policyAllowsCheck,
    things.policyAttachedCheck,
    devices.messagesArrive,
    devices.readingsPresent,
    fleet.fleetRegistered,
    rules.topicRuleCheck,
    storage.objectsUnderPrefix,
    storage.deliveryStreamCheck,
    storage.firehoseDelivered,
    dynamodb.dynamodbTable,
    dynamodb.dynamodbItems,
    glue.glueDatabase,
    glue.glueCrawler,
    glue.crawlerRan,
    glue.catalogTable,
    athena.athenaOutput,
    athena.athenaQuery,
  ].map((check) => [check.name, check]),
);

export const AUTOMATIONS: ReadonlyMap<string, AutomationDefinition> = new Map(
  [
    setup.createBuckets,
    things.createThing,
    things.createThingCertificate,
    things.createPolicy,
    things.attachPolicy,
    devices.publishLoop,
    devices.startReplay,
    fleet.provisionFleetAutomation,
    rules.putTopicRule,
    storage.createDeliveryStream,
    dynamodb.createDynamodbTable,
    glue.createGlueDatabase,
    glue.createGlueCrawler,
    glue.runCrawlerAutomation,
    glue.updateCrawlerPartitions,
    athena.setAthenaOutput,
    athena.runAthenaQuery,
  ].map((automation) => [automation.name, automation]),
);
