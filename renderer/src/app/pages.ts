import type { ComponentType, SVGProps } from 'react';
import { HomeIcon, StationIcon } from '../components/icons';
import { HomePage } from '../features/home/home-page';
import { StationsPage } from '../features/stations/stations-page';

export interface Page {
  /** The route: `#/<id>`. */
  id: string;
  /** A key of the `app` messages' `nav` section. */
  navLabel: 'home' | 'stations';
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  component: ComponentType;
}

/** The sidebar's pages, in order. A feature appears here once it works (no dead links). */
export const pages: readonly Page[] = [
  { id: 'home', navLabel: 'home', icon: HomeIcon, component: HomePage },
  { id: 'stations', navLabel: 'stations', icon: StationIcon, component: StationsPage },
];
