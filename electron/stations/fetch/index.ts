/** Getting NOAA station-year files into the lab folder: from NOAA's archive or from a mirror. */
export {
  STATION_CATALOG,
  findStation,
  isStationId,
  type StationCatalog,
  type StationCatalogEntry,
} from './catalog.js';
export {
  StationFetchError,
  fetchStationYear,
  fetchStationYears,
  verifyStationFile,
  type FetchProgress,
  type FetchStationYearOptions,
  type FetchStationYearsOptions,
  type FetchedStationYear,
  type StationYearOutcome,
} from './fetch-station.js';
export { bundledMirrorFolders, findBundledMirror } from './bundled.js';
export {
  NOAA_ISD_ARCHIVE,
  isHttpUrl,
  labStationFile,
  stationFileLocations,
  stationFileName,
  type StationFileLocation,
} from './locations.js';
