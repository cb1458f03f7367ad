// The parts of OfficeRuntime we use (@types/office-runtime is not a dependency of this project).

export interface OfficeRuntimeLike {
  auth?: {
    getAccessToken(options: { allowSignInPrompt?: boolean; allowConsentPrompt?: boolean; forMSGraphAccess?: boolean }): Promise<string>;
  };
  storage?: {
    getItem(key: string): Promise<string | null>;
    setItem(key: string, value: string): Promise<void>;
  };
}

export function officeRuntime(): OfficeRuntimeLike | undefined {
  return (globalThis as { OfficeRuntime?: OfficeRuntimeLike }).OfficeRuntime;
}
