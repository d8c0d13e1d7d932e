import { appHandlers } from './app.js';
import { awsHandlers } from './aws.js';
import { chartsHandlers } from './charts.js';
import { cloudHandlers } from './cloud.js';
import { firehoseHandlers } from './firehose.js';
import { fleetHandlers } from './fleet.js';
import { instructorHandlers } from './instructor.js';
import { lessonsHandlers } from './lessons.js';
import { iotHandlers } from './iot.js';
import { mqttHandlers } from './mqtt.js';
import { replayHandlers } from './replay.js';
import { rulesHandlers } from './rules.js';
import { s3Handlers } from './s3.js';
import { sqlHandlers } from './sql.js';
import { stationsHandlers } from './stations.js';
import type { Handlers } from './types.js';

/** One entry per domain of the contract; a request without a handler does not compile. */
export const handlers: Handlers = {
  ...appHandlers,
  ...cloudHandlers,
  ...stationsHandlers,
  ...fleetHandlers,
  ...replayHandlers,
  ...lessonsHandlers,
  ...iotHandlers,
  ...rulesHandlers,
  ...s3Handlers,
  ...firehoseHandlers,
  ...mqttHandlers,
  ...sqlHandlers,
  ...chartsHandlers,
  ...awsHandlers,
  ...instructorHandlers,
};
