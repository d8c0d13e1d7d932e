import type { DomainHandlers } from './types.js';

export const appHandlers: DomainHandlers<'app'> = {
  'app.info': {
    handle: (_input, { app, transport, aws }) => ({
      name: app.name,
      version: app.version,
      mode: aws.mode(),
      platform: process.platform,
      transport,
      electronVersion: app.electronVersion,
      nodeVersion: process.versions.node,
      athenaWorkGroup: aws.session.status().athenaWorkGroup,
    }),
  },
};
