// Every way a call to the service can fail, as one type the handlers decide on.

export type ApiFailure = "timeout" | "network" | "auth" | "http" | "invalid-response";

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure, message: string, readonly status?: number, readonly deadlineMs?: number) {
    super(message);
    this.name = "ApiError";
  }
}

