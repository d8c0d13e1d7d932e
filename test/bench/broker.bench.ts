/**
 * Broker benchmark (issue: devices). Five stations replay the whole lab year (132,246 readings) as fast
 * as QoS 1 acknowledgements allow, with the same device-SDK publishers, through our broker (mTLS, IoT
 * policy checks, the rules hook, no rules) and through Debian's mosquitto with TLS client certificates.
 * The devices publish from a child process, so the broker under test has the main thread to itself, as
 * mosquitto has its own process. Prints JSON: messages/s per run, medians and their ratio (runs
 * alternate, same machine, same run).
 *   node --import tsx test/bench/broker.bench.ts [--runs 3] [--per-station N]
 */
import { parseArgs } from 'node:util';
import { median, openBenchLab, startMosquitto } from './bench-support.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'per-station': { type: 'string' } },
});
const runs = Number(values.runs);
const perStation = values['per-station'] ? Number(values['per-station']) : Infinity;

const lab = await openBenchLab(perStation);
const mosquitto = await startMosquitto(lab.cloud);
const ours: number[] = [];
const theirs: number[] = [];
for (let run = 0; run < runs; run++) {
  ours.push(lab.total / (await lab.replay(lab.ourEndpoint())).seconds);
  theirs.push(lab.total / (await lab.replay(mosquitto.endpoint(lab.caPem))).seconds);
}
mosquitto.stop();
await lab.close();
const oursMedian = median(ours);
const theirsMedian = median(theirs);
console.log(
  JSON.stringify(
    {
      benchmark: 'broker',
      messages: lab.total,
      stations: 5,
      qos: 1,
      runs,
      ourBrokerMessagesPerSecond: ours.map(Math.round),
      mosquittoMessagesPerSecond: theirs.map(Math.round),
      medianOurs: Math.round(oursMedian),
      medianMosquitto: Math.round(theirsMedian),
      ratioOursToMosquitto: Number((oursMedian / theirsMedian).toFixed(3)),
      secondsForTheLabYear: Number((132_246 / oursMedian).toFixed(2)),
      targets: { ratio: '>= 0.9', secondsForTheLabYear: '< 10' },
    },
    null,
    2,
  ),
);
