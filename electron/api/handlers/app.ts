import type { DomainHandlers } from './types.js';

export const appHandlers: DomainHandlers<'app'> = {
  'app.info': {
    handle: (_input, { app, transport }) => ({
      name: app.name,
      version: app.version,
      // AWS mode (the student's own account) arrives with electron/aws/; until then the app is offline.
      mode: 'offline',
      platform: process.platform,
      transport,
      electronVersion: app.electronVersion,
      nodeVersion: process.versions.node,
    }),
  },
};
