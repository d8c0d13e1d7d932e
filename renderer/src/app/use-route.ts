import { useSyncExternalStore } from 'react';
import { pages, type Page } from './pages';

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

const useHash = () => useSyncExternalStore(subscribe, () => location.hash);

/** `#/s3/my-bucket/raw%2F2022` → `['s3', 'my-bucket', 'raw/2022']`. */
function segmentsOf(hash: string): string[] {
  if (!hash.startsWith('#/')) return [];
  return hash
    .slice(2)
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

/**
 * The current page from the URL's hash (`#/home`): works the same from Electron's file:// page and
 * from web mode's server, and survives a reload. A page may use further segments
 * (`#/iot/things/weather-station_0`): see `useSubPath`.
 */
export function useRoute(): Page {
  const id = segmentsOf(useHash())[0] ?? '';
  return pages.find((page) => page.id === id) ?? (pages[0] as Page);
}

/**
 * The segments after the page's id, decoded: a page's own places (a tab, a selected resource). Empty
 * segments are kept (`#/s3/bucket//key`: the bucket's root, then an object).
 */
export function useSubPath(): string[] {
  return segmentsOf(useHash()).slice(1);
}

/** The hash of a page and its segments, each encoded (a key may hold `/`). */
export function pageHref(pageId: string, ...segments: string[]): string {
  return `#/${[pageId, ...segments].map(encodeURIComponent).join('/')}`;
}

export function navigate(pageId: string, ...segments: string[]): void {
  const href = pageHref(pageId, ...segments);
  if (location.hash !== href) location.hash = href;
}
