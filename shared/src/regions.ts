/**
 * Region codes: 6 digits for city and county levels (140900 忻州市, 140902 忻府区), 9 for townships,
 * 12 for villages/communities. A city code ends in "00" and contains every code starting with its first 4 digits.
 */
export function regionContains(parent: string, child: string): boolean {
  if (child === parent) return true
  if (parent.length === 6 && parent.endsWith('00')) return child.startsWith(parent.slice(0, 4))
  return child.startsWith(parent) && child.length > parent.length
}

/**
 * Every region code whose administrators oversee `code`: its city, county, township and the code itself
 * (140902001 → 140900, 140902, 140902001). Stored on audit entries, ratings and work orders so that a region
 * scope is one equality match.
 */
export function regionScopesOf(code: string): string[] {
  const candidates = [code.slice(0, 4) + '00', code.slice(0, 6), code.slice(0, 9), code]
  return [...new Set(candidates.filter((c) => c.length >= 6 && regionContains(c, code)))]
}
