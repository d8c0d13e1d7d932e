/** The name of an SDK error (`ResourceNotFoundException`, `NoSuchBucket`, …); undefined for a non-Error. */
export function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
