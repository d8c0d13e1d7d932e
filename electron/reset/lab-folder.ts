import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { labLayout, openLabStorage, type LabIdentity } from '../cloud/storage/index.js';

/**
 * Resetting the offline lab folder: what the app made in it goes, the rest stays. Only the entries
 * listed here are removed (the local cloud's state, the devices' and the test client's certificates,
 * the progress reports); the stations' readings and any file the app did not make are kept. The
 * local cloud must be stopped first.
 */

/** The lab folder's entries the app owns, relative to it. */
export function ownedLabEntries(labDir: string): string[] {
  const layout = labLayout(labDir);
  const relative = (file: string) => path.relative(layout.dir, file);
  return [
    relative(layout.database),
    // SQLite's write-ahead log and shared memory beside the database.
    `${relative(layout.database)}-wal`,
    `${relative(layout.database)}-shm`,
    relative(layout.s3Root),
    relative(layout.pki),
    relative(layout.endpointsFile),
    // The devices' certificates (electron/api/stations-runtime.ts devicesDir), the MQTT test client's
    // (electron/api/mqtt-client.ts testClientFiles), the progress exports (electron/lessons/runtime.ts).
    'devices',
    'mqtt-test-client',
    'reports',
  ];
}

export class LabFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabFolderError';
  }
}

export interface ClearedLabFolder {
  removed: string[];
  kept: string[];
}

/**
 * Removes the app's entries of a lab folder. Refuses a folder without `lab.sqlite`: whatever it is,
 * it is not a lab folder. With `identity`, the new lab keeps the same account id and credentials.
 */
export async function clearLabFolder(
  labDir: string,
  options: { identity?: LabIdentity } = {},
): Promise<ClearedLabFolder> {
  const layout = labLayout(labDir);
  if (!existsSync(layout.database)) {
    throw new LabFolderError(
      `${layout.dir} is not a lab folder (it has no ${path.basename(layout.database)}).`,
    );
  }
  const owned = ownedLabEntries(layout.dir);
  const present = readdirSync(layout.dir);
  const removed = owned.filter((entry) => present.includes(entry));
  for (const entry of removed) {
    await rm(path.join(layout.dir, entry), { recursive: true, force: true });
  }
  if (options.identity) keepIdentity(layout.dir, options.identity);
  return { removed, kept: present.filter((entry) => !owned.includes(entry)).sort() };
}

/** Writes the previous account into the new lab's settings, where openLabStorage reads it. */
function keepIdentity(labDir: string, identity: LabIdentity): void {
  const storage = openLabStorage(labDir);
  try {
    storage.setSetting('account_id', identity.accountId);
    storage.setSetting('region', identity.region);
    storage.setSetting('access_key_id', identity.accessKeyId);
    storage.setSetting('secret_access_key', identity.secretAccessKey);
  } finally {
    storage.close();
  }
}
