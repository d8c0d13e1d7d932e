import { useSyncExternalStore } from 'react';
import { pages, type Page } from './pages';

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

/**
 * The current page from the URL's hash (`#/home`): works the same from Electron's file:// page and
 * from web mode's server, and survives a reload.
 */
export function useRoute(): Page {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  const id = hash.startsWith('#/') ? hash.slice(2) : '';
  return pages.find((page) => page.id === id) ?? (pages[0] as Page);
}
