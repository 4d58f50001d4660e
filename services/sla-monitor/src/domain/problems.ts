/** One thing wrong with a policy, located by its path (e.g. `targets.first_response.P3`). */
export interface Problem {
  path: string;
  message: string;
}

export const child = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys the reader does not know are reported: a typo must not silently drop a rule. */
export const unknownKeys = (value: Record<string, unknown>, known: readonly string[], path: string) =>
  Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({
      path: child(path, key),
      message: `is not a known field (expected one of ${known.join(', ')})`,
    }));
