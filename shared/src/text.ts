/**
 * Text hygiene for every string a client sends (issue 13): no NUL or other control characters (tab,
 * newline and carriage return are allowed), no bidirectional overrides or isolates (U+202A–202E,
 * U+2066–2069: they make "abc‮txt.exe" read backwards), no lone UTF-16 surrogates (never silently replaced).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/
const BIDI = /[\u202A-\u202E\u2066-\u2069]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why a string is refused, or undefined when it is clean. */
export function unsafeTextReason(s: string): string | undefined {
  if (CONTROL.test(s)) return '不能包含控制字符'
  if (BIDI.test(s)) return '不能包含文字方向控制字符'
  if (LONE_SURROGATE.test(s)) return '包含无效的字符编码'
  return undefined
}

export function isCleanText(s: string): boolean {
  return unsafeTextReason(s) === undefined
}

/** The first unclean string anywhere in a JSON-like value (keys included), with its path. */
export function findUnsafeText(value: unknown, path: (string | number)[] = [], depth = 0): { path: string; message: string } | undefined {
  if (depth > 32) return undefined
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value)
    return reason ? { path: path.join('.'), message: reason } : undefined
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], [...path, i], depth + 1)
      if (found) return found
    }
    return undefined
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const reason = unsafeTextReason(k)
      if (reason) return { path: [...path, k].join('.'), message: reason }
      const found = findUnsafeText(v, [...path, k], depth + 1)
      if (found) return found
    }
  }
  return undefined
}
