import { describe, expect, it } from 'vitest';
import type { MqttReceivedMessage } from '../../api/contract';
import { MessageStore } from './message-store';

const message = (seq: number): MqttReceivedMessage => ({
  seq,
  topic: 'sensor/weather',
  qos: 1,
  retain: false,
  receivedAt: seq,
  size: 2,
  encoding: 'utf8',
  payload: '{}',
  truncated: false,
});

describe('MessageStore', () => {
  it('keeps the newest messages, newest first', () => {
    const store = new MessageStore(3);
    store.add([1, 2].map(message));
    expect(store.snapshot().map((m) => m.seq)).toEqual([2, 1]);
    store.add([3, 4, 5].map(message));
    expect(store.snapshot().map((m) => m.seq)).toEqual([5, 4, 3]);
    expect(store.added).toBe(5);
    store.add([6, 7, 8, 9].map(message));
    expect(store.snapshot().map((m) => m.seq)).toEqual([9, 8, 7]);
    store.clear();
    expect(store.size).toBe(0);
  });
});
