import catalogFile from '../../../stations-data/stations.json' with { type: 'json' };

/** One weather station of the lab (stations-data/stations.json). */
export interface StationCatalogEntry {
  /** `USAF-WBAN`, the NOAA file-name stem: "030910-99999". */
  id: string;
  usaf: string;
  wban: string;
  icao: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  latitude: number;
  longitude: number;
  /** Metres. */
  elevation: number;
}

export interface StationCatalog {
  source: string;
  archiveUrl: string;
  defaultYear: number;
  stations: readonly StationCatalogEntry[];
}

/** NOAA's station-year id: 6-character USAF id (digits, or a letter and digits), dash, 5-digit WBAN. */
const STATION_ID = /^[0-9A-Z]{6}-\d{5}$/;

export function isStationId(text: string): boolean {
  return STATION_ID.test(text);
}

/** Checks the catalog file's shape once, so a bad edit fails loudly instead of fetching nonsense. */
function checkCatalog(catalog: StationCatalog): StationCatalog {
  for (const station of catalog.stations) {
    if (!isStationId(station.id) || station.id !== `${station.usaf}-${station.wban}`) {
      throw new Error(`stations-data/stations.json: station id "${station.id}" is not its "usaf-wban"`);
    }
  }
  if (!Number.isInteger(catalog.defaultYear))
    throw new Error('stations-data/stations.json: defaultYear is not a year');
  return catalog;
}

export const STATION_CATALOG: StationCatalog = checkCatalog(catalogFile);

export function findStation(id: string): StationCatalogEntry | undefined {
  return STATION_CATALOG.stations.find((station) => station.id === id);
}
