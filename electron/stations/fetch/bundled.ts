import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stationFileLocations } from './locations.js';

/**
 * The readings an instructor bundled into a classroom build (`npm run stations:fetch -- --dir
 * stations-data/bundle`, then electron-builder's extraResources), so the app fetches them with no
 * network: `<resources>/stations-data/<year>/<id>-<year>.gz` in an installed app, and
 * `stations-data/bundle/stations/` in a checkout.
 */
export function bundledMirrorFolders(resourcesPath: string | undefined = process.resourcesPath): string[] {
  return [
    ...(resourcesPath ? [join(resourcesPath, 'stations-data')] : []),
    fileURLToPath(new URL('../../../stations-data/bundle/stations/', import.meta.url)),
  ];
}

/** The first bundled folder holding every one of these station-years, if any. */
export function findBundledMirror(
  stationIds: readonly string[],
  year: number,
  folders: readonly string[] = bundledMirrorFolders(),
): string | undefined {
  return folders.find((folder) =>
    stationIds.every((stationId) =>
      stationFileLocations(stationId, year, folder).some(
        (location) => location.kind === 'file' && existsSync(location.path),
      ),
    ),
  );
}
