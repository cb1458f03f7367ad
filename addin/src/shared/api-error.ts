// Every way a call to the service can fail, as one type the handlers decide on.

export type ApiFailure = "timeout" | "network" | "auth" | "http" | "invalid-response";

export class ApiError extends Error {
  /** `problem`: the RFC 9457 problem's own title and detail, when the service sent one. */
  constructor(readonly failure: ApiFailure, message: string, readonly status?: number, readonly deadlineMs?: number, readonly problem?: string) {
    super(message);
    this.name = "ApiError";
  }
}

