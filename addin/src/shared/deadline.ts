// One deadline for a whole network step: the signal aborts fetch, and the race also bounds steps
// that cannot be aborted (token acquisition), so a caller never waits past `ms`.

export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "DeadlineExceeded";
  }
}

export function withDeadline<T>(ms: number, work: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  // The JavaScript-only runtime documents fetch but not AbortController; the race alone still bounds the wait.
  const controller = typeof AbortController === "function" ? new AbortController() : undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller?.abort();
      reject(new DeadlineExceeded(ms));
    }, ms);
  });
  // then(ok, fail) rather than finally(): Promise.prototype.finally is ES2018, newer than the runtime.
  return Promise.race([work(controller?.signal), expired]).then(
    (value) => {
      clearTimeout(timer);
      return value;
    },
    (error: unknown) => {
      clearTimeout(timer);
      throw error;
    },
  );
}
