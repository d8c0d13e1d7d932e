import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  parseFetchArguments,
  runStationsFetch,
  type CliEnvironment,
} from '../../electron/cli/stations-fetch.js';
import {
  STATION_CATALOG,
  StationFetchError,
  fetchStationYear,
  labStationFile,
  type FetchProgress,
} from '../../electron/stations/fetch/index.js';
import { SAMPLE_RECORDS } from '../../electron/stations/isd/sample-records.js';
import { STATION_YEARS, fixturesRequired, locateNoaaFixtures } from './noaa-fixtures.js';

const fixtures = locateNoaaFixtures();
const ABERDEEN = '030910-99999';
/** A small but real Aberdeen station-year: two records copied from NOAA's file. */
const ABERDEEN_GZIP = gzipSync(`${SAMPLE_RECORDS.aberdeenSynop}\n${SAMPLE_RECORDS.aberdeenCumulonimbus}\n`);

let workDir: string;
let labDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'stations-fetch-'));
  labDir = join(workDir, 'lab');
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Every file under a folder, relative to it. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

async function makeMirror(files: Record<string, Buffer | string>): Promise<string> {
  const mirror = join(workDir, 'mirror');
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(mirror, name, '..'), { recursive: true });
    await writeFile(join(mirror, name), content);
  }
  return mirror;
}

describe('fetchStationYear from a mirror folder', () => {
  it('copies a flat mirror file into <labdir>/stations/<year>/ and verifies it', async () => {
    const mirror = await makeMirror({ [`${ABERDEEN}-2022.gz`]: ABERDEEN_GZIP });
    const progress: FetchProgress['phase'][] = [];
    const fetched = await fetchStationYear({
      stationId: ABERDEEN,
      year: 2022,
      labDir,
      mirror,
      onProgress: (event) => progress.push(event.phase),
    });
    expect(fetched).toMatchObject({
      path: join(labDir, 'stations', '2022', `${ABERDEEN}-2022.gz`),
      source: join(mirror, `${ABERDEEN}-2022.gz`),
      bytes: ABERDEEN_GZIP.length,
      records: 2,
    });
    expect(await readFile(fetched.path)).toEqual(ABERDEEN_GZIP);
    expect(progress).toEqual(['start', 'source', 'transfer', 'verify', 'done']);
    expect(await filesUnder(workDir)).toEqual([
      'lab/stations/2022/030910-99999-2022.gz',
      'mirror/030910-99999-2022.gz',
    ]);
  });

  it('also finds files laid out like NOAA, in <year>/ folders', async () => {
    const mirror = await makeMirror({ [`2022/${ABERDEEN}-2022.gz`]: ABERDEEN_GZIP });
    const fetched = await fetchStationYear({ stationId: ABERDEEN, year: 2022, labDir, mirror });
    expect(fetched.source).toBe(join(mirror, '2022', `${ABERDEEN}-2022.gz`));
  });

  it('names the paths it tried when the mirror lacks the file', async () => {
    const mirror = await makeMirror({});
    const fetching = fetchStationYear({ stationId: ABERDEEN, year: 2022, labDir, mirror });
    await expect(fetching).rejects.toThrow(StationFetchError);
    await expect(fetchStationYear({ stationId: ABERDEEN, year: 2022, labDir, mirror })).rejects.toThrow(
      `${ABERDEEN} 2022 is not in the mirror: no file at ${join(mirror, `${ABERDEEN}-2022.gz`)} nor at ${join(mirror, '2022', `${ABERDEEN}-2022.gz`)}`,
    );
    expect(await filesUnder(labDir)).toEqual([]);
  });

  it.each([
    ['not gzip', Buffer.from(SAMPLE_RECORDS.aberdeenSynop), /is not a gzip file/],
    [
      'a truncated gzip',
      ABERDEEN_GZIP.subarray(0, ABERDEEN_GZIP.length - 12),
      /is not a valid ISD file: .*unexpected end of file/,
    ],
    ['gzip but not ISD', gzipSync('hello, world\n'), /is not a valid ISD file/],
    ['another station', gzipSync(SAMPLE_RECORDS.groningenSynop), /holds records of station 062800-99999/],
  ])('refuses a file that is %s and leaves nothing behind', async (_what, content, message) => {
    const mirror = await makeMirror({ [`${ABERDEEN}-2022.gz`]: content });
    await expect(fetchStationYear({ stationId: ABERDEEN, year: 2022, labDir, mirror })).rejects.toThrow(
      message,
    );
    expect(await filesUnder(labDir)).toEqual([]);
  });

  it('keeps the previous good file when a new fetch fails', async () => {
    const good = await makeMirror({ [`${ABERDEEN}-2022.gz`]: ABERDEEN_GZIP });
    await fetchStationYear({ stationId: ABERDEEN, year: 2022, labDir, mirror: good });
    await writeFile(join(good, `${ABERDEEN}-2022.gz`), 'garbage');
    await expect(
      fetchStationYear({ stationId: ABERDEEN, year: 2022, labDir, mirror: good }),
    ).rejects.toThrow();
    expect(await readFile(labStationFile(labDir, ABERDEEN, 2022))).toEqual(ABERDEEN_GZIP);
    expect(await filesUnder(labDir)).toEqual(['stations/2022/030910-99999-2022.gz']);
  });

  it.each([
    ['../../etc', 2022, /is not a station id/],
    [ABERDEEN, 22, /is not a year/],
  ])('rejects station %s year %s before touching the disk', async (stationId, year, message) => {
    await expect(fetchStationYear({ stationId, year, labDir, mirror: workDir })).rejects.toThrow(message);
    expect(await filesUnder(workDir)).toEqual([]);
  });
});

describe.skipIf(!fixtures.available)(
  `fetching the five stations from the shared mirror (${fixtures.isdDir})`,
  () => {
    it('copies every station-year of the catalog, byte for byte', async () => {
      const cliOutput: string[] = [];
      const io: CliEnvironment = {
        stdout: { write: (text: string) => cliOutput.push(text) > 0 },
        stderr: { write: (text: string) => cliOutput.push(text) > 0 },
        env: {},
        cwd: workDir,
      };
      const exitCode = await runStationsFetch(
        ['--mirror', fixtures.isdDir, '--dir', 'lab', '--year', '2022'],
        io,
      );
      expect(exitCode, cliOutput.join('')).toBe(0);
      for (const stem of STATION_YEARS) {
        const stationId = stem.slice(0, 12);
        const copied = await readFile(labStationFile(labDir, stationId, 2022));
        const original = await readFile(join(fixtures.isdDir, `${stem}.gz`));
        // Buffer.equals, not toEqual: a generic deep comparison of 1 MB takes seconds.
        expect(copied.equals(original), stem).toBe(true);
      }
      expect(STATION_CATALOG.stations.map((station) => `${station.id}-2022`)).toEqual([...STATION_YEARS]);
      const output = cliOutput.join('');
      expect(output).toContain('[1/5] 030910-99999 2022 Aberdeen/Dyce (EGPD)');
      expect(output).toContain(
        `ok: 25,839 records, 1.06 MB → ${join(labDir, 'stations', '2022', '030910-99999-2022.gz')}`,
      );
      expect(output).toContain(`5 of 5 station-year(s) in ${join(labDir, 'stations', '2022')}`);
      expect(await filesUnder(workDir)).toEqual(STATION_YEARS.map((stem) => `lab/stations/2022/${stem}.gz`));
    });
  },
);

if (!fixtures.available) {
  describe('fetching the five stations from the shared mirror', () => {
    if (fixturesRequired()) {
      it('fails in CI: the NOAA fixtures are required', () => {
        throw new Error(fixtures.missingMessage);
      });
    } else {
      console.warn(`Skipping the shared-mirror fetch test. ${fixtures.missingMessage}`);
      it.skip(`skipped: ${fixtures.missingMessage}`, () => {});
    }
  });
}

describe('fetchStationYear over HTTP (a local server standing in for NOAA)', () => {
  let server: Server;
  let baseUrl: string;
  const requests: string[] = [];
  /** Path → how to answer. */
  const routes = new Map<string, { status: number; body: Buffer; announcedLength?: number }>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const route = routes.get(request.url ?? '');
      if (route === undefined) {
        response.writeHead(404).end('Not Found');
        return;
      }
      response.writeHead(route.status, {
        'content-length': String(route.announcedLength ?? route.body.length),
      });
      if (route.announcedLength !== undefined) {
        // Send less than announced, then cut the connection: an interrupted download.
        response.write(route.body);
        response.destroy();
        return;
      }
      response.end(route.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    routes.clear();
    requests.length = 0;
  });

  it("downloads from the archive's <year>/ folder with progress", async () => {
    routes.set(`/pub/data/noaa/2022/${ABERDEEN}-2022.gz`, { status: 200, body: ABERDEEN_GZIP });
    const transfers: { bytes: number; totalBytes: number | undefined }[] = [];
    const fetched = await fetchStationYear({
      stationId: ABERDEEN,
      year: 2022,
      labDir,
      archiveUrl: `${baseUrl}/pub/data/noaa/`,
      onProgress: (event) => {
        if (event.phase === 'transfer') transfers.push({ bytes: event.bytes, totalBytes: event.totalBytes });
      },
    });
    expect(fetched.source).toBe(`${baseUrl}/pub/data/noaa/2022/${ABERDEEN}-2022.gz`);
    expect(await readFile(fetched.path)).toEqual(ABERDEEN_GZIP);
    expect(transfers.at(-1)).toEqual({ bytes: ABERDEEN_GZIP.length, totalBytes: ABERDEEN_GZIP.length });
  });

  it('reads a mirror base URL, flat first, then <year>/', async () => {
    routes.set(`/usb/2022/${ABERDEEN}-2022.gz`, { status: 200, body: ABERDEEN_GZIP });
    const fetched = await fetchStationYear({
      stationId: ABERDEEN,
      year: 2022,
      labDir,
      mirror: `${baseUrl}/usb`,
    });
    expect(requests).toEqual([`/usb/${ABERDEEN}-2022.gz`, `/usb/2022/${ABERDEEN}-2022.gz`]);
    expect(fetched.records).toBe(2);
  });

  it('says when NOAA has no such file', async () => {
    await expect(
      fetchStationYear({ stationId: ABERDEEN, year: 2022, labDir, archiveUrl: baseUrl }),
    ).rejects.toThrow(
      `NOAA has no file for ${ABERDEEN} 2022 at ${baseUrl}/2022/${ABERDEEN}-2022.gz (HTTP 404)`,
    );
  });

  it('reports other HTTP errors with their status', async () => {
    routes.set(`/2022/${ABERDEEN}-2022.gz`, { status: 503, body: Buffer.from('busy') });
    await expect(
      fetchStationYear({ stationId: ABERDEEN, year: 2022, labDir, archiveUrl: baseUrl }),
    ).rejects.toThrow(/failed: HTTP 503 Service Unavailable/);
    expect(await filesUnder(labDir)).toEqual([]);
  });

  it('detects an interrupted download and leaves nothing behind', async () => {
    routes.set(`/2022/${ABERDEEN}-2022.gz`, {
      status: 200,
      body: ABERDEEN_GZIP.subarray(0, 100),
      announcedLength: ABERDEEN_GZIP.length,
    });
    await expect(
      fetchStationYear({ stationId: ABERDEEN, year: 2022, labDir, archiveUrl: baseUrl }),
    ).rejects.toThrow(/Network error while downloading .* --mirror/);
    expect(await filesUnder(labDir)).toEqual([]);
  });

  it('says a network failure is one and suggests --mirror', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      fetchStationYear({ stationId: ABERDEEN, year: 2022, labDir, archiveUrl: `http://127.0.0.1:${port}` }),
    ).rejects.toThrow(
      /Network error while downloading http:\/\/127\.0\.0\.1:\d+\/2022\/.*ECONNREFUSED.*--mirror <folder\|url>/,
    );
  });
});

describe('stations:fetch command line', () => {
  const environment = (env: NodeJS.ProcessEnv = {}) => ({ env, cwd: '/work/lab-home' });

  it('defaults to the catalog year and stations, and to $IOTLAB_DIR or ./.lab', () => {
    expect(parseFetchArguments([], environment())).toEqual({
      year: 2022,
      stationIds: STATION_CATALOG.stations.map((station) => station.id),
      labDir: '/work/lab-home/.lab',
      mirror: undefined,
    });
    expect(parseFetchArguments([], environment({ IOTLAB_DIR: '/data/lab' }))).toMatchObject({
      labDir: '/data/lab',
    });
  });

  it('reads every option', () => {
    expect(
      parseFetchArguments(
        [
          '--year',
          '2021',
          '--dir',
          'here',
          '--stations',
          ' 030910-99999, 723123-14886 ',
          '--mirror',
          'https://mirror/x',
        ],
        environment(),
      ),
    ).toEqual({
      year: 2021,
      stationIds: ['030910-99999', '723123-14886'],
      labDir: '/work/lab-home/here',
      mirror: 'https://mirror/x',
    });
  });

  it.each([
    [['--year', '22'], /--year must be a 4-digit year/],
    [['--stations', 'EGPD'], /--stations takes USAF-WBAN ids .* not valid: EGPD/],
    [['--mirror', '/no/such/folder'], /Mirror folder not found: \/no\/such\/folder/],
    [['--colour'], /Unknown option '--colour'/],
  ])('rejects %j', (argv, message) => {
    const parsed = parseFetchArguments(argv, environment());
    expect('error' in parsed && parsed.error).toMatch(message);
  });

  it('exits 2 with the usage on bad arguments, 0 on --help', async () => {
    const written: string[] = [];
    const io: CliEnvironment = {
      stdout: { write: (text: string) => written.push(text) > 0 },
      stderr: { write: (text: string) => written.push(text) > 0 },
      env: {},
      cwd: workDir,
    };
    expect(await runStationsFetch(['--year', 'soon'], io)).toBe(2);
    expect(written.join('')).toContain('Usage: npm run stations:fetch');
    expect(await runStationsFetch(['--help'], io)).toBe(0);
  });

  it('exits 1 and names the failed stations when one fetch fails', async () => {
    const mirror = await makeMirror({ [`${ABERDEEN}-2022.gz`]: ABERDEEN_GZIP });
    const out: string[] = [];
    const err: string[] = [];
    const io: CliEnvironment = {
      stdout: { write: (text: string) => out.push(text) > 0 },
      stderr: { write: (text: string) => err.push(text) > 0 },
      env: { IOTLAB_DIR: labDir },
      cwd: workDir,
    };
    const exitCode = await runStationsFetch(
      ['--mirror', mirror, '--stations', `${ABERDEEN},061100-99999`],
      io,
    );
    expect(exitCode).toBe(1);
    expect(out.join('')).toContain('1 of 2 station-year(s)');
    expect(err.join('')).toMatch(/failed: 061100-99999 2022 is not in the mirror/);
    expect(err.join('')).toContain('stations:fetch: failed: 061100-99999');
    expect((await readFile(labStationFile(labDir, ABERDEEN, 2022))).equals(ABERDEEN_GZIP)).toBe(true);
  });
});
