/**
 * The writes of one broker tick. Firehose records and DynamoDB writes that the rules produce while
 * the broker reads a burst of PUBLISH packets are collected, then written together on the next turn
 * of the event loop: one `putRecords` per stream, all in one SQLite transaction. The messages wait
 * for that commit before their PUBACK (the broker awaits {@link WriteBatch.committed}), so an
 * acknowledged message is durable, and the cost of a commit is shared by the whole burst.
 */

/** Called once per deferred write, after the commit: undefined on success, else the error. */
export type WriteOutcome = (error?: unknown) => void;

export interface BatchTargets {
  /** Firehose's in-process put (durable when it returns; throws for the whole call). */
  putRecords(streamName: string, records: readonly Uint8Array[]): void;
  /** Runs `work` in one SQLite transaction (savepoints nest inside it). */
  transaction(work: () => void): void;
}

interface FirehoseEntry {
  records: readonly Uint8Array[];
  outcome: WriteOutcome;
}

interface Write {
  run: () => void;
  outcome: WriteOutcome;
}

export class WriteBatch {
  private readonly firehose = new Map<string, FirehoseEntry[]>();
  private readonly writes: Write[] = [];
  private settle!: { resolve: () => void; reject: (error: unknown) => void };
  /** Resolves once every write of the batch is committed and settled; rejects only if the commit failed. */
  readonly committed: Promise<void>;

  constructor() {
    this.committed = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  get size(): number {
    return this.writes.length + this.firehose.size;
  }

  /** Records for a stream; they go out with the other records of this tick for the same stream. */
  addRecords(streamName: string, records: readonly Uint8Array[], outcome: WriteOutcome): void {
    let entries = this.firehose.get(streamName);
    if (entries === undefined) {
      entries = [];
      this.firehose.set(streamName, entries);
    }
    entries.push({ records, outcome });
  }

  /** A synchronous write (a DynamoDB put); it runs inside the batch's transaction, in order. */
  addWrite(run: () => void, outcome: WriteOutcome): void {
    this.writes.push({ run, outcome });
  }

  /**
   * Writes everything, then reports each outcome. Never throws: a failed write is its owner's
   * failure; a failed commit fails every write of the batch and rejects {@link committed}.
   */
  write(targets: BatchTargets): void {
    const outcomes: [WriteOutcome, unknown][] = [];
    try {
      targets.transaction(() => {
        for (const [streamName, entries] of this.firehose) writeRecords(targets, streamName, entries, outcomes);
        for (const { run, outcome } of this.writes) {
          try {
            run();
            outcomes.push([outcome, undefined]);
          } catch (error) {
            outcomes.push([outcome, error]);
          }
        }
      });
    } catch (error) {
      // The commit itself failed (disk full, database closed): nothing of this batch is durable.
      for (const entries of this.firehose.values()) for (const entry of entries) entry.outcome(error);
      for (const { outcome } of this.writes) outcome(error);
      this.settle.reject(error);
      return;
    }
    for (const [outcome, error] of outcomes) outcome(error);
    this.settle.resolve();
  }
}

/**
 * One `putRecords` for all the stream's records; if it fails (a missing stream, a record over the
 * size limit), each message's records are put alone so that one bad message fails alone.
 */
function writeRecords(
  targets: BatchTargets,
  streamName: string,
  entries: readonly FirehoseEntry[],
  outcomes: [WriteOutcome, unknown][],
): void {
  if (entries.length > 1) {
    const records: Uint8Array[] = [];
    for (const entry of entries) for (const record of entry.records) records.push(record);
    try {
      targets.putRecords(streamName, records);
      for (const entry of entries) outcomes.push([entry.outcome, undefined]);
      return;
    } catch {
      // Falls through: find out which messages fail.
    }
  }
  for (const entry of entries) {
    try {
      targets.putRecords(streamName, entry.records);
      outcomes.push([entry.outcome, undefined]);
    } catch (error) {
      outcomes.push([entry.outcome, error]);
    }
  }
}
