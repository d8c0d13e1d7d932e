import type { ComponentType, SVGProps } from 'react';
import {
  BucketIcon,
  ChipIcon,
  HomeIcon,
  MessagesIcon,
  StationIcon,
  StreamIcon,
  TableIcon,
  TerminalIcon,
} from '../components/icons';
import { ChartIcon, ChartsPage } from '../features/charts';
import { DynamoDbPage } from '../features/console/dynamodb/dynamodb-page';
import { FirehosePage } from '../features/console/firehose/firehose-page';
import { GlueIcon, GluePage } from '../features/console/glue';
import { IotPage } from '../features/console/iot/iot-page';
import { S3Page } from '../features/console/s3/s3-page';
import { HomePage } from '../features/home/home-page';
import { InstructorIcon, InstructorPage } from '../features/instructor';
import { BookIcon } from '../features/lessons/icons';
import { LessonsPage } from '../features/lessons/lessons-page';
import { MqttPage } from '../features/mqtt/mqtt-page';
import { StationsPage } from '../features/stations/stations-page';
import { SqlPage } from '../features/sql/sql-page';
import { SettingsIcon, SettingsPage } from '../features/settings';

export interface Page {
  /** The route: `#/<id>`. */
  id: string;
  /** A key of the `app` messages' `nav` section. */
  navLabel:
    | 'home'
    | 'lessons'
    | 'stations'
    | 'iot'
    | 's3'
    | 'firehose'
    | 'dynamodb'
    | 'glue'
    | 'mqtt'
    | 'sql'
    | 'charts'
    | 'settings'
    | 'instructor';
  /** The first page of a group starts it with the group's heading (a key of `nav.sections`). */
  section?: 'console' | 'analytics' | 'tools';
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  component: ComponentType;
}

/** The sidebar's pages, in order. A feature appears here once it works (no dead links). */
export const pages: readonly Page[] = [
  { id: 'home', navLabel: 'home', icon: HomeIcon, component: HomePage },
  { id: 'lessons', navLabel: 'lessons', icon: BookIcon, component: LessonsPage },
  { id: 'stations', navLabel: 'stations', icon: StationIcon, component: StationsPage },
  { id: 'iot', navLabel: 'iot', icon: ChipIcon, component: IotPage, section: 'console' },
  { id: 's3', navLabel: 's3', icon: BucketIcon, component: S3Page },
  { id: 'firehose', navLabel: 'firehose', icon: StreamIcon, component: FirehosePage },
  { id: 'dynamodb', navLabel: 'dynamodb', icon: TableIcon, component: DynamoDbPage },
  { id: 'glue', navLabel: 'glue', icon: GlueIcon, component: GluePage },
  { id: 'mqtt', navLabel: 'mqtt', icon: MessagesIcon, component: MqttPage },
  { id: 'sql', navLabel: 'sql', icon: TerminalIcon, component: SqlPage, section: 'analytics' },
  { id: 'charts', navLabel: 'charts', icon: ChartIcon, component: ChartsPage },
  { id: 'settings', navLabel: 'settings', icon: SettingsIcon, component: SettingsPage, section: 'tools' },
  { id: 'instructor', navLabel: 'instructor', icon: InstructorIcon, component: InstructorPage },
];
