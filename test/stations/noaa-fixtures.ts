import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The five station-years of the lab (file stem `USAF-WBAN-YEAR`). */
export const STATION_YEARS = [
  '030910-99999-2022',
  '061100-99999-2022',
  '062800-99999-2022',
  '713060-99999-2022',
  '723123-14886-2022',
] as const;

export interface NoaaFixtures {
  /** `<dir>/isd/<stem>.gz` raw ISD files, `<dir>/json/<stem>.gz.jsonl.gz` the lab's original messages. */
  dir: string;
  isdDir: string;
  jsonDir: string;
  available: boolean;
  /** Why the tests that need the fixtures do not run, naming the folder. */
  missingMessage: string;
}

/**
 * The shared NOAA fixtures: `../shared/noaa` next to the repository, or `IOTLAB_NOAA_DIR`. They are
 * never committed to this repository. Outside CI a missing folder skips the tests that need it;
 * in CI (`CI=true`) it is a failure, so a broken checkout cannot pass silently.
 */
export function locateNoaaFixtures(): NoaaFixtures {
  const dir = resolve(process.env.IOTLAB_NOAA_DIR ?? join(repoRoot, '..', 'shared', 'noaa'));
  const isdDir = join(dir, 'isd');
  const jsonDir = join(dir, 'json');
  const available = existsSync(isdDir) && existsSync(jsonDir);
  return {
    dir,
    isdDir,
    jsonDir,
    available,
    missingMessage: `NOAA fixtures not found: ${isdDir} and ${jsonDir} must exist (set IOTLAB_NOAA_DIR to the folder holding isd/ and json/)`,
  };
}

/** True when the missing fixtures must fail the run rather than skip. */
export const fixturesRequired = (): boolean => process.env.CI === 'true';
