import { describe, expect, it } from "vitest";
import { completeOnce } from "../../addin/src/launchevent/completion";
import { FakeEvent } from "./support/outlook-shim";

describe("completeOnce", () => {
  it("passes the first completion through and swallows every later one", () => {
    const event = new FakeEvent<{ allowEvent: boolean }>();
    const completion = completeOnce(event);
    expect(completion.done).toBe(false);
    expect(completion.complete({ allowEvent: false })).toBe(true);
    expect(completion.complete({ allowEvent: true })).toBe(false);
    expect(completion.complete()).toBe(false);
    expect(event.calls).toEqual([{ allowEvent: false }]);
    expect(completion.done).toBe(true);
  });

  it("calls completed() without arguments when there are no options", () => {
    const args: unknown[][] = [];
    completeOnce({ completed: (...a: unknown[]) => void args.push(a) }).complete();
    expect(args).toEqual([[]]);
  });
});
