import { join } from 'node:path';

/** NOAA NCEI's public archive of raw ISD files, one folder per year. */
export const NOAA_ISD_ARCHIVE = 'https://www.ncei.noaa.gov/pub/data/noaa';

/** NOAA's file name of a station-year: `030910-99999-2022.gz`. */
export function stationFileName(stationId: string, year: number): string {
  return `${stationId}-${year}.gz`;
}

/** Where the lab keeps a station-year: `<labDir>/stations/<year>/<id>-<year>.gz`. */
export function labStationFile(labDir: string, stationId: string, year: number): string {
  return join(labDir, 'stations', String(year), stationFileName(stationId, year));
}

export function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** Joins URL path segments with exactly one slash between them. */
function joinUrl(base: string, ...segments: string[]): string {
  return [base.replace(/\/+$/, ''), ...segments].join('/');
}

/** A place a station-year file can be read from. */
export type StationFileLocation = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/**
 * Where to look for a station-year, in order. NOAA's archive has one folder per year. A mirror (a
 * folder such as a classroom USB stick, or a base URL) may be laid out like NOAA's archive or hold
 * the files flat; both are tried, flat first.
 */
export function stationFileLocations(
  stationId: string,
  year: number,
  mirror: string | undefined,
  archiveUrl: string = NOAA_ISD_ARCHIVE,
): StationFileLocation[] {
  const fileName = stationFileName(stationId, year);
  if (mirror === undefined) return [{ kind: 'url', url: joinUrl(archiveUrl, String(year), fileName) }];
  if (isHttpUrl(mirror)) {
    return [
      { kind: 'url', url: joinUrl(mirror, fileName) },
      { kind: 'url', url: joinUrl(mirror, String(year), fileName) },
    ];
  }
  return [
    { kind: 'file', path: join(mirror, fileName) },
    { kind: 'file', path: join(mirror, String(year), fileName) },
  ];
}
