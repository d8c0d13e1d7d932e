import { createContext, useContext, type ReactNode } from 'react';
import type { LabBridge } from './contract';
import type { Connection } from './connection';

export interface Api {
  bridge: LabBridge;
  connection: Connection;
}

const ApiContext = createContext<Api | null>(null);

/** Provides the transport to the hooks; tests can provide a fake one. */
export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it.');
  return api;
}
