/** The constraint a unique violation (SQLSTATE 23505) hit, or null for any other error. Drizzle wraps driver errors in `cause`. */
export function uniqueViolation(error: unknown): string | null {
  for (let current = error as { code?: string; constraint?: string; cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (current.code === '23505') return current.constraint ?? '';
  }
  return null;
}

/**
 * The SQLSTATE of a PostgreSQL data exception (class 22: a value out of range, a character the
 * encoding refuses, an impossible date), or null. These come from a value the caller sent that
 * slipped past validation; the API answers them as INVALID_PARAM rather than a 500.
 */
export function dataException(error: unknown): string | null {
  for (let current = error as { code?: string; cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (typeof current.code === 'string' && /^22[0-9A-Z]{3}$/.test(current.code)) return current.code;
  }
  return null;
}

/** Whether the error is a foreign key violation (SQLSTATE 23503): a referenced row was deleted meanwhile. */
export function foreignKeyViolation(error: unknown): boolean {
  return foreignKeyConstraint(error) !== null;
}

/** The constraint a foreign key violation (SQLSTATE 23503) hit, or null for any other error. */
export function foreignKeyConstraint(error: unknown): string | null {
  for (let current = error as { code?: string; constraint?: string; cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (current.code === '23503') return current.constraint ?? '';
  }
  return null;
}

/** Whether the error is a deadlock (SQLSTATE 40P01): PostgreSQL rolled this transaction back so that another could go on; running it again is safe. */
export function deadlockDetected(error: unknown): boolean {
  for (let current = error as { code?: string; cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (current.code === '40P01') return true;
  }
  return false;
}

/**
 * Runs a transaction again when PostgreSQL chose it as a deadlock's victim (at most `attempts`
 * times in all), after a short random pause so that the transaction it yielded to can finish.
 */
export async function retryDeadlock<T>(run: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !deadlockDetected(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt));
    }
  }
}
