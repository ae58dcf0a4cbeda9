import { regionContains } from '@xz/shared'

/**
 * Every region code whose administrators oversee `code`: its city, county, township and the code itself
 * (140902001 → 140900, 140902, 140902001). Stored on audit entries so that a region query is one equality match.
 */
export function regionScopesOf(code: string): string[] {
  const candidates = [code.slice(0, 4) + '00', code.slice(0, 6), code.slice(0, 9), code]
  return [...new Set(candidates.filter((c) => c.length >= 6 && regionContains(c, code)))]
}
