/**
 * Serializes asynchronous writes of a whole value: at most one write in flight, and while it runs
 * only the newest pending value is kept. Every answer rewrites the complete metafield, so values
 * that were superseded before their turn need not be sent, and the last write always carries the
 * latest answers (no out-of-order overwrite).
 */
export interface LatestWriter<T> {
  push(value: T): void;
  /** Resolves once nothing is in flight or pending (used by tests and before unmount). */
  idle(): Promise<void>;
}

export function createLatestWriter<T>(write: (value: T) => Promise<void>): LatestWriter<T> {
  let pending: { value: T } | null = null;
  let running: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (pending) {
      const { value } = pending;
      pending = null;
      try {
        await write(value);
      } catch {
        // `write` reports its own failures; a throw must not stop later values from being written.
      }
    }
    running = null;
  }

  return {
    push(value) {
      pending = { value };
      running ??= drain();
    },
    async idle() {
      while (running) await running;
    },
  };
}
