/** Glue's own line icons, in the app's icon frame. */
import { Icon, type IconProps } from '../../../components/icons';

/** The Data Catalog: a database's stacked discs. */
export const DatabaseIcon = (props: IconProps) => (
  <Icon {...props}>
    <ellipse cx="12" cy="5.5" rx="7.5" ry="2.5" />
    <path d="M4.5 5.5v6.5c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5V5.5" />
    <path d="M4.5 12v6.5c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5V12" />
  </Icon>
);

/** A crawler: a magnifier over a folder of files. */
export const CrawlerIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3.5 18.5v-12c0-.6.4-1 1-1h4.2l1.8 2h7c.6 0 1 .4 1 1v2" />
    <path d="M3.5 18.5h8" />
    <circle cx="16.5" cy="15.5" r="3.5" />
    <path d="m19 18 2 2" />
  </Icon>
);

/** A schema: named columns with their types. */
export const ColumnsIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
    <path d="M3.5 9h17M9 4.5v15" />
    <path d="M12 13h5.5M12 16h3.5" />
  </Icon>
);

/** Partitions: a lake cut into folders. */
export const PartitionIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="3.5" y="4.5" width="7" height="6" rx="1.2" />
    <rect x="13.5" y="4.5" width="7" height="6" rx="1.2" />
    <rect x="3.5" y="13.5" width="7" height="6" rx="1.2" />
    <rect x="13.5" y="13.5" width="7" height="6" rx="1.2" />
  </Icon>
);
