import type { CloudState } from '../api/contract';
import type { Tone } from '../components/status-pill';

export function cloudStateTone(state: CloudState): Tone {
  switch (state) {
    case 'running':
      return 'success';
    case 'starting':
      return 'warning';
    case 'error':
      return 'danger';
    case 'stopped':
      return 'neutral';
  }
}
