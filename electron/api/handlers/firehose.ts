import type { DomainHandlers } from './types.js';

export const firehoseHandlers: DomainHandlers<'firehose'> = {
  'firehose.buffers': {
    handle: (_input, { cloudConsole }) => cloudConsole.firehoseBuffers(),
  },
};
