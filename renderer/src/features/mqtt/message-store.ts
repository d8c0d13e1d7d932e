import type { MqttReceivedMessage } from '../../api/contract';

/**
 * The page's messages: a ring of the newest `capacity`, outside React's state, so a batch costs a
 * few array writes whatever the rate; the list reads a newest-first snapshot when it renders.
 */
export class MessageStore {
  private readonly ring: Array<MqttReceivedMessage | undefined>;
  private start = 0;
  private count = 0;
  /** Messages ever added: the list keeps the reader's place as it grows. */
  added = 0;

  constructor(readonly capacity = 2000) {
    this.ring = new Array<MqttReceivedMessage | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Messages oldest first, as a batch brings them. */
  add(messages: readonly MqttReceivedMessage[]): void {
    // Only the newest `capacity` of a large batch can stay.
    const kept = messages.length > this.capacity ? messages.slice(-this.capacity) : messages;
    for (const message of kept) {
      if (this.count < this.capacity) {
        this.ring[(this.start + this.count) % this.capacity] = message;
        this.count++;
      } else {
        this.ring[this.start] = message;
        this.start = (this.start + 1) % this.capacity;
      }
    }
    this.added += messages.length;
  }

  /** Newest first. */
  snapshot(): MqttReceivedMessage[] {
    const out = new Array<MqttReceivedMessage>(this.count);
    for (let i = 0; i < this.count; i++) {
      out[i] = this.ring[(this.start + this.count - 1 - i) % this.capacity] as MqttReceivedMessage;
    }
    return out;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}
