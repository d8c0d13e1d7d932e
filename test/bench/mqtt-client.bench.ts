/**
 * MQTT test client benchmark (issue 7): while five devices publish ~10,000 lab readings/s (QoS 1, the
 * device SDK, mTLS, from their own process), the page subscribed to `sensor/#` must stay responsive.
 * In Chromium it measures long tasks (PerformanceObserver 'longtask'), frame intervals (rAF),
 * input latency (Event Timing for keys typed and list navigation during the load) and the main
 * thread's queueing delay (a MessageChannel probe every 50 ms); it reports the messages the devices
 * published, the test client received, and the page was given. Prints JSON.
 *   node --import tsx test/bench/mqtt-client.bench.ts [--rate 10000] [--seconds 15]
 */
import {
  AttachPolicyCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  IoTClient,
} from '@aws-sdk/client-iot';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DeviceIdentity } from '../../electron/stations/replay/index.js';
import { outsideTool } from '../helpers/tools.js';
import { ensureRendererBuilt, launchChromium, startWebMode } from '../helpers/web-app.js';
import type { PublisherData } from './mqtt-client-publisher.js';

const { values } = parseArgs({
  options: { rate: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '15' } },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const STATIONS = 5;

interface PageMetrics {
  longTasks: number[];
  frames: number[];
  events: Array<{ name: string; duration: number; delay: number }>;
  lag: number[];
  batches: number;
  delivered: number;
  droppedInMain: number;
  lastReceived: number;
  firstBatchAt: number;
  lastBatchAt: number;
}

/** Runs in the page before the app: observers, a frame clock, a queueing probe, a batch counter. */
const instrument = `
window.__bench = { measuring: false, longTasks: [], frames: [], events: [], lag: [], batches: 0, delivered: 0,
  droppedInMain: 0, lastReceived: 0, firstBatchAt: 0, lastBatchAt: 0 };
const bench = window.__bench;
new PerformanceObserver((list) => {
  if (bench.measuring) for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
}).observe({ type: 'longtask' });
new PerformanceObserver((list) => {
  if (!bench.measuring) return;
  for (const entry of list.getEntries()) {
    if (['keydown', 'keyup', 'keypress', 'pointerdown', 'pointerup', 'click'].includes(entry.name))
      bench.events.push({ name: entry.name, duration: entry.duration, delay: entry.processingStart - entry.startTime });
  }
}).observe({ type: 'event', durationThreshold: 16 });
let lastFrame = 0;
const onFrame = (time) => {
  if (bench.measuring && lastFrame) bench.frames.push(time - lastFrame);
  lastFrame = time;
  requestAnimationFrame(onFrame);
};
requestAnimationFrame(onFrame);
const channel = new MessageChannel();
let sentAt = 0;
channel.port1.onmessage = () => { if (bench.measuring) bench.lag.push(performance.now() - sentAt); };
setInterval(() => { sentAt = performance.now(); channel.port2.postMessage(0); }, 50);
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', (event) => {
      if (typeof event.data !== 'string' || !event.data.includes('"mqtt.messages"')) return;
      const message = JSON.parse(event.data);
      if (message.type !== 'event' || message.name !== 'mqtt.messages') return;
      bench.batches += 1;
      bench.delivered += message.payload.messages.length;
      bench.droppedInMain += message.payload.dropped;
      bench.lastReceived = message.payload.received;
      bench.lastBatchAt = performance.now();
      if (!bench.firstBatchAt) bench.firstBatchAt = bench.lastBatchAt;
    });
  }
};
`;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

const chromium = outsideTool('chromium');
if (!chromium.available) throw new Error('The benchmark needs Chromium.');
ensureRendererBuilt();
const web = await startWebMode();
const { endpoint, region, credentials } = web.endpoints;
const iot = new IoTClient({ endpoint, region, credentials });
await iot.send(
  new CreatePolicyCommand({
    policyName: 'bench_devices',
    policyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
    }),
  }),
);
const devices: DeviceIdentity[] = [];
for (let index = 0; index < STATIONS; index++) {
  const thingName = `weather-station_${index}`;
  await iot.send(new CreateThingCommand({ thingName }));
  const certificate = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
  await iot.send(
    new AttachPolicyCommand({ policyName: 'bench_devices', target: certificate.certificateArn }),
  );
  devices.push({
    clientId: thingName,
    certificatePem: certificate.certificatePem!,
    privateKeyPem: certificate.keyPair!.PrivateKey!,
  });
}
iot.destroy();

const browser = await launchChromium(chromium.command);
const page = await (
  await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' })
).newPage();
await page.addInitScript(instrument);
await page.goto(web.url);
await page.waitForSelector('body[data-ready="true"]');
await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'MQTT test client' }).click();
await page.getByRole('form', { name: 'Subscribe' }).getByRole('button', { name: 'Subscribe' }).click();
await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'Connected' }).waitFor();

const data: PublisherData = {
  endpoint: {
    host: web.endpoints.mqtt!.host,
    port: web.endpoints.mqtt!.port,
    caPem: readFileSync(web.endpoints.mqtt!.caFile, 'utf8'),
  },
  devices,
  rate,
  seconds,
};
const publisher = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    fileURLToPath(new URL('./mqtt-client-publisher.ts', import.meta.url)),
    JSON.stringify(data),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let publisherOutput = '';
publisher.stdout.on('data', (chunk: Buffer) => (publisherOutput += chunk.toString()));
const publisherDone = new Promise<void>((resolve) => publisher.once('exit', () => resolve()));

// Measure from the first batch the page receives.
// A function, not a string: the page's CSP forbids eval.
await page.waitForFunction(
  () => (globalThis as unknown as { __bench: PageMetrics }).__bench.batches > 0,
  undefined,
  {
    timeout: 30_000,
  },
);
await page.evaluate('window.__bench.measuring = true');

// A user at work meanwhile: typing a topic, moving through the list, pausing and resuming.
const topic = page.getByRole('form', { name: 'Publish' }).getByRole('textbox', { name: 'Topic' });
const list = page.getByRole('listbox', { name: 'Messages received' });
let interactions = 0;
let finished = false;
void publisherDone.then(() => (finished = true));
while (!finished) {
  const step = interactions % 4;
  if (step === 0) await topic.press('End');
  if (step === 1) await topic.pressSequentially('x');
  if (step === 2) await list.press('ArrowDown');
  if (step === 3) await list.press('ArrowUp');
  interactions += 1;
  await page.waitForTimeout(200);
}
// The last batches (every 100 ms) once the devices stopped.
await page.waitForTimeout(1000);
await page.evaluate('window.__bench.measuring = false');
const metrics = (await page.evaluate('window.__bench')) as PageMetrics;
const shownReceived = Number(
  (
    (await page.getByRole('region', { name: 'Messages' }).getByRole('definition').first().textContent()) ?? ''
  ).replace(/\D/g, ''),
);
await browser.close();
await web.stop();

const published = JSON.parse(publisherOutput.trim().split('\n').pop() ?? '{}') as {
  sent: number;
  acknowledged: number;
  failed: number;
  publishSeconds: number;
  rate: number;
};
const measuredSeconds = (metrics.lastBatchAt - metrics.firstBatchAt) / 1000;
const durations = metrics.events.map((event) => event.duration);
const delays = metrics.events.map((event) => event.delay);
console.log(
  JSON.stringify(
    {
      benchmark: 'mqtt-client',
      target: {
        messagesPerSecond: rate,
        seconds,
        devices: STATIONS,
        qos: 1,
        topic: 'sensor/weather',
        subscription: 'sensor/#',
      },
      devices: {
        published: published.sent,
        acknowledged: published.acknowledged,
        failed: published.failed,
        messagesPerSecond: Math.round(published.rate),
      },
      testClient: {
        received: metrics.lastReceived,
        shownAsReceived: shownReceived,
        receivedPerSecond: Math.round(metrics.lastReceived / Math.max(measuredSeconds, 0.001)),
        droppedBeforeThePage: metrics.droppedInMain,
      },
      page: {
        batches: metrics.batches,
        messagesGiven: metrics.delivered,
        messagesGivenPerSecond: Math.round(metrics.delivered / Math.max(measuredSeconds, 0.001)),
        longTasks: {
          count: metrics.longTasks.length,
          totalMs: Math.round(metrics.longTasks.reduce((sum, value) => sum + value, 0)),
          maxMs: round(Math.max(0, ...metrics.longTasks)),
        },
        frames: {
          count: metrics.frames.length,
          p50Ms: round(percentile(metrics.frames, 50)),
          p95Ms: round(percentile(metrics.frames, 95)),
          p99Ms: round(percentile(metrics.frames, 99)),
          maxMs: round(Math.max(0, ...metrics.frames)),
          over50Ms: metrics.frames.filter((value) => value > 50).length,
        },
        // Event Timing: duration runs from the input to the next paint (so about a frame at best);
        // entries under 16 ms are not reported by the browser.
        input: {
          interactions,
          eventEntries: metrics.events.length,
          p50DurationMs: round(percentile(durations, 50)),
          p95DurationMs: round(percentile(durations, 95)),
          maxDurationMs: round(Math.max(0, ...durations)),
          p95InputDelayMs: round(percentile(delays, 95)),
          maxInputDelayMs: round(Math.max(0, ...delays)),
        },
        mainThreadQueueDelay: {
          probes: metrics.lag.length,
          p50Ms: round(percentile(metrics.lag, 50), 2),
          p95Ms: round(percentile(metrics.lag, 95), 2),
          maxMs: round(Math.max(0, ...metrics.lag), 2),
        },
      },
      measuredSeconds: round(measuredSeconds, 2),
    },
    null,
    2,
  ),
);
process.exit(0);
