// Every event path must end in exactly one event.completed (platform notes "event.completed"):
// a second call is a bug on our side and a missing one leaves Outlook waiting until its timeout.

export interface CompletableEvent<T> {
  completed(options?: T): void;
}

export interface Completion<T> {
  /** Completes the event unless it already was; returns whether this call did it. */
  complete(options?: T): boolean;
  readonly done: boolean;
}

export function completeOnce<T>(event: CompletableEvent<T>): Completion<T> {
  let done = false;
  return {
    complete(options?: T): boolean {
      if (done) return false;
      done = true;
      if (options === undefined) event.completed();
      else event.completed(options);
      return true;
    },
    get done() {
      return done;
    },
  };
}
