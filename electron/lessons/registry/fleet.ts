import { existsSync } from 'node:fs';
import { z } from 'zod';
import { STATION_CATALOG } from '../../stations/fetch/index.js';
import { fleetThingNames, provisionFleet } from '../../stations/fleet/index.js';
import { fail, pass } from '../context.js';
import { defineAutomation, defineCheck } from '../registry-types.js';
import { bucketName } from './setup.js';
import {
  attachedPolicies,
  deviceFolder,
  savedCertificateId,
  thingCertificates,
  thingExists,
} from './things.js';

/** Lesson 02: the five weather stations, registered in bulk, each with its certificate. */

/** The lab's pairing: stations sorted by id ↔ `weather-station_0…4`. */
const STATION_THINGS = fleetThingNames(
  STATION_CATALOG.stations.map((station) => ({ stationId: station.id })),
);

export const fleetRegistered = defineCheck({
  name: 'fleet-registered',
  summary:
    'The five things weather-station_0…4 exist with type `thingType`, each with an ACTIVE certificate that has a policy and whose files are in the devices folder.',
  params: z.object({ thingType: z.string().min(1) }),
  async run(context, params) {
    const things = [...STATION_THINGS.values()];
    const missing: string[] = [];
    const described = new Map<string, string | undefined>();
    for (const thing of things) {
      const found = await thingExists(context, thing);
      if (found) described.set(thing, found.thingTypeName);
      else missing.push(thing);
    }
    if (missing.length > 0)
      return fail('fleet-things-missing', {
        missing: missing.join(', '),
        count: missing.length,
        total: things.length,
      });
    for (const thing of things) {
      const type = described.get(thing);
      if (type !== params.thingType)
        return fail('fleet-thing-type', { thing, type: type ?? '—', expected: params.thingType });
    }
    for (const thing of things) {
      const certificates = await thingCertificates(context, thing);
      const active = certificates.filter((certificate) => certificate.status === 'ACTIVE');
      if (certificates.length === 0) return fail('thing-no-certificate', { thing });
      const [first] = certificates;
      if (active.length === 0 && first)
        return fail('certificate-inactive', {
          thing,
          certificate: first.id.slice(0, 10),
          status: first.status,
        });
      const saved = await savedCertificateId(context, thing);
      const onDisk = active.find((certificate) => certificate.id === saved);
      if (!onDisk) return fail('fleet-files-missing', { thing, folder: deviceFolder(context, thing).folder });
      if ((await attachedPolicies(context, onDisk.arn)).length === 0)
        return fail('policy-not-attached', { thing, policy: 'free_policy' });
    }
    return pass();
  },
});

export const provisionFleetAutomation = defineAutomation({
  name: 'provision-fleet',
  summary:
    "Runs the lab's bulk registration as the Stations page does: thing type sensor, policy free_policy, the templates bucket, five things from the provisioning template (role LabRole), one certificate each, saved in the devices folder.",
  params: z.object({ templatesBucket: bucketName }),
  async run(context, params) {
    const before = new Map<string, boolean>();
    for (const thing of STATION_THINGS.values())
      before.set(thing, (await thingExists(context, thing)) !== undefined);
    const folders = new Map(
      [...STATION_THINGS.values()].map((thing) => [thing, existsSync(deviceFolder(context, thing).folder)]),
    );
    context.progress('run', { kind: 'fleet', name: 'weather-station_0…4' });
    const report = await provisionFleet({
      iot: context.clients.iot(),
      s3: context.clients.s3(),
      accountId: context.accountId,
      stations: [...STATION_THINGS.keys()].map((stationId) => ({ stationId })),
      devicesDir: context.devicesDir,
      templatesBucket: params.templatesBucket,
      onProgress: (text) => {
        const thing = /^Certificate for (.+)$/.exec(text)?.[1];
        if (thing) context.progress('create', { kind: 'certificate', name: thing });
      },
    });
    // The library names what it made as text: turned into what a reset can undo.
    for (const text of report.created) {
      const [, kind, name] = /^(thing type|policy|bucket) (.+)$/.exec(text) ?? [];
      if (kind === 'thing type' && name) context.created({ kind: 'thing-type', name });
      else if (kind === 'policy' && name) context.created({ kind: 'policy', name });
      else if (kind === 'bucket' && name) context.created({ kind: 'bucket', name });
    }
    for (const text of report.reused) {
      const [, kind, name] = /^(thing type|policy|bucket) (.+)$/.exec(text) ?? [];
      if (kind === 'thing type' && name) context.reused({ kind: 'thing-type', name });
      else if (kind === 'policy' && name) context.reused({ kind: 'policy', name });
      else if (kind === 'bucket' && name) context.reused({ kind: 'bucket', name });
    }
    for (const [thing, existed] of before) {
      if (existed) context.reused({ kind: 'thing', name: thing });
      else context.created({ kind: 'thing', name: thing });
    }
    for (const device of report.devices) {
      const createdCertificate = report.created.includes(`certificate of ${device.thingName}`);
      if (!createdCertificate) {
        context.reused({ kind: 'certificate', name: device.certificateId.slice(0, 10) });
        continue;
      }
      context.created({
        kind: 'certificate',
        name: device.certificateId.slice(0, 10),
        data: { certificateId: device.certificateId, certificateArn: device.certificateArn },
      });
      const files = deviceFolder(context, device.thingName);
      context.created({
        kind: 'device-files',
        name: files.folder,
        data: {
          folder: files.folder,
          removeFolder: !folders.get(device.thingName),
          files: [files.certificateFile, files.privateKeyFile, files.publicKeyFile],
        },
      });
      context.created({
        kind: 'thing-principal',
        name: `${device.thingName} ↔ ${device.certificateId.slice(0, 10)}`,
        data: { thingName: device.thingName, principal: device.certificateArn },
      });
      context.created({
        kind: 'policy-attachment',
        name: `free_policy → ${device.certificateId.slice(0, 10)}`,
        data: { policyName: 'free_policy', target: device.certificateArn },
      });
    }
  },
});
