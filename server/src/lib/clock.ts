/**
 * The server's notion of "now". Production reads the system clock; tests of time-dependent rules
 * (no-show sweep, rating window) may shift it, in-process only.
 */
let offsetMs = 0

export function now(): Date {
  return new Date(Date.now() + offsetMs)
}

/** Test hook: make `now()` return `at` (or reset with undefined). */
export function setNow(at: Date | undefined): void {
  offsetMs = at ? at.getTime() - Date.now() : 0
}

/** Waits this long in real time (retries, polling; not the business clock above). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
