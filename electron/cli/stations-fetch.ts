/**
 * npm run stations:fetch -- [--year 2022] [--mirror DIR|URL] [--dir <labdir>] [--stations id,id]
 *
 * Puts NOAA ISD station-year files into the lab folder (`<labdir>/stations/<year>/<id>-<year>.gz`),
 * downloaded from NOAA NCEI's archive or copied from a mirror (folder or base URL).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  NOAA_ISD_ARCHIVE,
  STATION_CATALOG,
  fetchStationYears,
  findStation,
  isHttpUrl,
  isStationId,
  type FetchProgress,
} from '../stations/fetch/index.js';
import { isMainModule } from './main-module.js';

export const USAGE = `Usage: npm run stations:fetch -- [options]

Puts NOAA ISD station-year files into the lab folder, as <labdir>/stations/<year>/<id>-<year>.gz.

Options:
  --year <year>        year to fetch (default ${STATION_CATALOG.defaultYear})
  --mirror <dir|url>   copy from a folder or base URL instead of NOAA (files flat or in <year>/)
  --dir <labdir>       lab folder (default: $IOTLAB_DIR, else ./.lab)
  --stations <ids>     comma-separated USAF-WBAN ids (default: the lab's ${STATION_CATALOG.stations.length} stations)
  -h, --help           show this help

Source: NOAA National Centers for Environmental Information, Integrated Surface Database (ISD),
${NOAA_ISD_ARCHIVE}/<year>/<USAF>-<WBAN>-<year>.gz (public domain).
`;

export interface CliEnvironment {
  stdout: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };
  stderr: Pick<NodeJS.WriteStream, 'write'>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal?: AbortSignal;
}

interface FetchRequest {
  year: number;
  stationIds: string[];
  labDir: string;
  mirror: string | undefined;
}

/** Reads the command line; returns a request, or the message to print and exit with. */
export function parseFetchArguments(
  argv: readonly string[],
  { env, cwd }: Pick<CliEnvironment, 'env' | 'cwd'>,
): FetchRequest | { help: true } | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        year: { type: 'string' },
        mirror: { type: 'string' },
        dir: { type: 'string' },
        stations: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { help: true };

  const yearText = values.year ?? String(STATION_CATALOG.defaultYear);
  if (!/^\d{4}$/.test(yearText)) return { error: `--year must be a 4-digit year, not "${yearText}"` };

  const stationIds = (values.stations ?? STATION_CATALOG.stations.map((station) => station.id).join(','))
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const invalid = stationIds.filter((id) => !isStationId(id));
  if (stationIds.length === 0 || invalid.length > 0) {
    const known = STATION_CATALOG.stations.map((station) => station.id).join(', ');
    return {
      error: `--stations takes USAF-WBAN ids (${known}); not valid: ${invalid.join(', ') || '(none given)'}`,
    };
  }

  let mirror = values.mirror;
  if (mirror !== undefined && !isHttpUrl(mirror)) {
    mirror = resolve(cwd, mirror);
    if (!existsSync(mirror)) return { error: `Mirror folder not found: ${mirror}` };
  }
  return {
    year: Number(yearText),
    stationIds,
    labDir: resolve(cwd, values.dir ?? env.IOTLAB_DIR ?? '.lab'),
    mirror,
  };
}

const formatBytes = (bytes: number): string =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;

/** Runs the command; returns the process exit code. */
export async function runStationsFetch(argv: readonly string[], io: CliEnvironment): Promise<number> {
  const request = parseFetchArguments(argv, io);
  if ('help' in request) {
    io.stdout.write(USAGE);
    return 0;
  }
  if ('error' in request) {
    io.stderr.write(`stations:fetch: ${request.error}\n\n${USAGE}`);
    return 2;
  }

  const { year, stationIds, labDir, mirror } = request;
  io.stdout.write(
    `Fetching ${stationIds.length} station-year(s) for ${year} from ${mirror ?? 'NOAA NCEI'} into ${labDir}\n`,
  );
  let current = 0;
  let lastPercent = -1;
  const onProgress = (progress: FetchProgress): void => {
    switch (progress.phase) {
      case 'start': {
        current++;
        lastPercent = -1;
        const station = findStation(progress.stationId);
        const label = station ? `${station.name} (${station.icao})` : '(not in the lab catalog)';
        io.stdout.write(
          `[${current}/${stationIds.length}] ${progress.stationId} ${progress.year} ${label}\n`,
        );
        break;
      }
      case 'source':
        io.stdout.write(`  from ${progress.source}\n`);
        break;
      case 'transfer': {
        // A live percentage only on a terminal; logs get the summary line.
        if (!io.stdout.isTTY || progress.totalBytes === undefined) break;
        const percent = Math.floor((100 * progress.bytes) / progress.totalBytes);
        if (percent === lastPercent) break;
        lastPercent = percent;
        io.stdout.write(
          `\r  ${formatBytes(progress.bytes)} / ${formatBytes(progress.totalBytes)}  ${percent}%`,
        );
        break;
      }
      case 'verify':
        if (lastPercent !== -1) io.stdout.write('\n');
        lastPercent = -1;
        break;
      case 'done':
        io.stdout.write(
          `  ok: ${progress.records.toLocaleString('en-US')} records, ${formatBytes(progress.bytes)} → ${progress.path}\n`,
        );
        break;
      case 'failed':
        if (lastPercent !== -1) io.stdout.write('\n');
        io.stderr.write(`  failed: ${progress.error.message}\n`);
        break;
    }
  };

  const outcomes = await fetchStationYears({
    stationIds,
    year,
    labDir,
    mirror,
    onProgress,
    signal: io.signal,
  });
  const failed = outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.stationId);
  io.stdout.write(
    `${outcomes.length - failed.length} of ${outcomes.length} station-year(s) in ${resolve(labDir, 'stations', String(year))}\n`,
  );
  if (failed.length > 0) io.stderr.write(`stations:fetch: failed: ${failed.join(', ')}\n`);
  return failed.length === 0 ? 0 : 1;
}

if (isMainModule(import.meta.url)) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  runStationsFetch(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  }).then(
    (code) => {
      process.exitCode = controller.signal.aborted ? 130 : code;
    },
    (error: unknown) => {
      process.stderr.write(`stations:fetch: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = controller.signal.aborted ? 130 : 1;
    },
  );
}
