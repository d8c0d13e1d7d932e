/** The Glue page (Data Catalog: databases, tables and their partitions, crawlers) and its nav icon. */
export { GluePage } from './glue-page';
export { DatabaseIcon as GlueIcon } from './icons';
