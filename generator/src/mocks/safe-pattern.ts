/**
 * Running a spec's `pattern` is running untrusted code with exponential worst cases. A quantified
 * group that itself contains a quantifier (`(a+)*`, `([\w.-]*)*`) is the shape of catastrophic
 * backtracking: one such pattern from a real spec (beezup.com in APIs.guru) kept the generator busy
 * for minutes on a 40-character example. Such patterns are not run at all.
 */

/** `(...quantifier...)` followed by a quantifier. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)[*+{]/;

/** Longest input a pattern is run on. */
const MAX_INPUT = 256;

/** Whether running `pattern` on `value` is known to finish quickly. */
export function isSafeToRun(pattern: string, value: string): boolean {
  return value.length <= MAX_INPUT && !NESTED_QUANTIFIER.test(pattern);
}

/**
 * Whether `value` matches `pattern`; `true` when that cannot be checked in bounded time or the
 * pattern is not a JavaScript regular expression (mocks only need plausible data).
 */
export function matchesPattern(pattern: string, value: string): boolean {
  if (!isSafeToRun(pattern, value)) return true;
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true;
  }
}
