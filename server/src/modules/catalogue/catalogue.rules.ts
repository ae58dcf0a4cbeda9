import { pinyin } from 'pinyin-pro'
import type { Material, MergedMaterial, RatingSummary } from '@xz/shared'

// ---------------------------------------------------------------------------------------------
// Search fields, precomputed when an item is written
// ---------------------------------------------------------------------------------------------

/** Separates the name from the keywords in the `pinyin`/`initials` fields; segment 0 is the name. */
export const SEGMENT_SEPARATOR = '|'

/** Full pinyin ("yingyezhizhao") and initials ("yyzz") of a text; letters and digits are kept, lower-cased. */
export function pinyinOf(text: string): { full: string; initials: string } {
  let full = ''
  let initials = ''
  for (const c of pinyin(text, { type: 'all', toneType: 'none', v: true })) {
    if (c.isZh && c.pinyin) {
      full += c.pinyin
      initials += c.first
    } else if (/^[0-9a-z]$/i.test(c.origin)) {
      full += c.origin.toLowerCase()
      initials += c.origin.toLowerCase()
    }
  }
  return { full, initials }
}

export interface SearchSource {
  name: string
  code: string
  themes: readonly string[]
  implementer?: string | null
  departmentNames: readonly string[]
  keywords: readonly string[]
  faq: readonly { q?: string | null; a?: string | null }[]
}

export interface SearchFields {
  /** Lower-cased Chinese text of every searchable field. */
  searchText: string
  /** Full pinyin of the name, then of each keyword, separated by `|`. */
  pinyin: string
  /** Pinyin initials, segmented like `pinyin`. */
  initials: string
}

export function searchFieldsOf(s: SearchSource): SearchFields {
  const text = [s.name, s.code, ...s.themes, s.implementer ?? '', ...s.departmentNames, ...s.keywords]
  for (const f of s.faq) text.push(f.q ?? '', f.a ?? '')
  const segments = [s.name, ...s.keywords].map(pinyinOf)
  return {
    searchText: text.filter(Boolean).join('\n').toLowerCase(),
    pinyin: segments.map((p) => p.full).join(SEGMENT_SEPARATOR),
    initials: segments.map((p) => p.initials).join(SEGMENT_SEPARATOR),
  }
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export interface ParsedQuery {
  /** The query as typed, trimmed, lower-cased, inner whitespace collapsed. */
  text: string
  /** Terms that must all match (whitespace-separated), each as text and, when it is pinyin, as pinyin. */
  terms: { text: string; pinyin?: string }[]
  /** The whole query as pinyin letters ("ying ye" → "yingye"), when it is only latin letters. */
  pinyin?: string
}

/** At most this many whitespace-separated terms are used. */
export const MAX_TERMS = 5

export function parseQuery(q: string): ParsedQuery | undefined {
  const text = q.trim().toLowerCase().replace(/\s+/g, ' ')
  if (!text) return undefined
  const letters = text.replace(/[\s']/g, '')
  if (/^[a-z]+$/.test(letters)) {
    // "ying ye zhi zhao" is one pinyin word, typed with spaces
    return { text, terms: [{ text: letters, pinyin: letters }], pinyin: letters }
  }
  const terms = text
    .split(' ')
    .slice(0, MAX_TERMS)
    .map((t) => (/^[a-z]+$/.test(t) ? { text: t, pinyin: t } : { text: t }))
  return { text, terms }
}

/** One `$or` per term over the precomputed fields; the terms are AND-ed. */
export function searchFilter(parsed: ParsedQuery): Record<string, unknown> {
  const clauses = parsed.terms.map((t) => {
    const or: Record<string, unknown>[] = [{ searchText: { $regex: escapeRegex(t.text) } }]
    if (t.pinyin) {
      const re = escapeRegex(t.pinyin)
      or.push({ pinyin: { $regex: re } }, { initials: { $regex: re } })
    }
    return { $or: or }
  })
  return clauses.length === 1 ? clauses[0] : { $and: clauses }
}

/**
 * Search rank of a matching item (lower is better): 0 exact name, 1 name prefix, 2 name contains, 3 other fields.
 * Pinyin queries are compared with the name's full pinyin and initials the same way.
 */
export function searchRank(item: { name: string; pinyin?: string | null; initials?: string | null }, q: ParsedQuery): number {
  const name = item.name.toLowerCase()
  const candidates: [string, string][] = [[name, q.text]]
  if (q.pinyin) {
    const full = (item.pinyin ?? '').split(SEGMENT_SEPARATOR)[0]
    const initials = (item.initials ?? '').split(SEGMENT_SEPARATOR)[0]
    candidates.push([full, q.pinyin], [initials, q.pinyin])
  }
  let best = 3
  for (const [field, query] of candidates) {
    if (!field || !query) continue
    if (field === query) return 0
    if (field.startsWith(query)) best = Math.min(best, 1)
    else if (field.includes(query)) best = Math.min(best, 2)
  }
  return best
}

/** Orders matching items by rank, then shorter names, then code. */
export function rankItems<T extends { name: string; code: string; pinyin?: string | null; initials?: string | null }>(
  items: T[],
  q: ParsedQuery,
): T[] {
  return items
    .map((item) => ({ item, rank: searchRank(item, q) }))
    .sort((a, b) => a.rank - b.rank || a.item.name.length - b.item.name.length || a.item.code.localeCompare(b.item.code))
    .map((x) => x.item)
}

// ---------------------------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------------------------

/** The region and every region above it: 140902001 → 140900, 140902, 140902001. */
export function regionAncestors(code: string): string[] {
  const out = [code.slice(0, 4) + '00']
  for (const len of [6, 9, 12]) {
    if (code.length >= len) out.push(code.slice(0, len))
  }
  return [...new Set(out)]
}

/** Prefix shared by a region's code and the codes of every region within it (a city 140900 → "1409"). */
export function regionPrefix(code: string): string {
  return code.length === 6 && code.endsWith('00') ? code.slice(0, 4) : code
}

/** The query filter of items (or departments) that apply in a region: its own, those of the regions above it, and those within it. */
export function appliesInRegion(code: string): Record<string, unknown> {
  return { $or: [{ regionCode: { $in: regionAncestors(code) } }, { regionCode: { $regex: `^${regionPrefix(code)}` } }] }
}

/** The query filter of records whose region lies within this one. */
export function withinRegion(code: string): Record<string, unknown> {
  return { regionCode: { $regex: `^${regionPrefix(code)}` } }
}

// ---------------------------------------------------------------------------------------------
// Bundles (一件事一次办)
// ---------------------------------------------------------------------------------------------

export interface BundleItem {
  id: string
  name: string
  materials: Material[]
  promisedLimitDays: number
  visits: number
}

/** Words that say which copy of a document to bring (the form field says that too), not which document it is. */
const COPY_QUALIFIER = /(原件及复印件|原件和复印件|原件或复印件|原件|复印件|正本)$/

/**
 * Materials are "the same" when their names match ignoring whitespace, full-/half-width brackets and a trailing
 * copy qualifier, bracketed or not: 营业执照, 营业执照正本 and 营业执照（原件） are one material. 副本 stays a
 * different document.
 */
export function materialKey(name: string): string {
  let key = name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')')
  for (;;) {
    const next = key.replace(/\(([^()]*)\)$/, (whole, inner: string) => (COPY_QUALIFIER.test(inner) && inner.replace(COPY_QUALIFIER, '') === '' ? '' : whole)).replace(COPY_QUALIFIER, '')
    if (next === key || next === '') return key
    key = next
  }
}

function mergeForm(a: Material['form'], b: Material['form']): Material['form'] {
  return a === b ? a : '原件及复印件'
}

/** Paper-only or electronic-only beats "either"; paper and electronic both needed keeps "either". */
function mergeMedium(a: Material['medium'], b: Material['medium']): Material['medium'] {
  if (a === b) return a
  if (a === '纸质或电子') return b
  if (b === '纸质或电子') return a
  return '纸质或电子'
}

/**
 * The merged materials list of a bundle: a material that several items require appears once, naming each item;
 * it is required when any item requires it, exempt / promise / e-licence only when every item allows it, and the
 * number of copies is the largest any item asks for. Order: first appearance.
 */
export function mergeMaterials(items: BundleItem[]): MergedMaterial[] {
  const merged = new Map<string, MergedMaterial>()
  for (const item of items) {
    for (const m of item.materials) {
      const key = materialKey(m.name)
      const prev = merged.get(key)
      if (!prev) {
        merged.set(key, { ...m, serviceIds: [item.id], serviceNames: [item.name] })
        continue
      }
      if (!prev.serviceIds.includes(item.id)) {
        prev.serviceIds.push(item.id)
        prev.serviceNames.push(item.name)
      }
      // the more specific wording (营业执照正本 over 营业执照) names the merged material
      if (m.name.length > prev.name.length) prev.name = m.name
      prev.form = mergeForm(prev.form, m.form)
      prev.medium = mergeMedium(prev.medium, m.medium)
      prev.copies = Math.max(prev.copies, m.copies)
      prev.required = prev.required || m.required
      prev.exempt = prev.exempt && m.exempt
      prev.promise = prev.promise && m.promise
      prev.eLicense = prev.eLicense && m.eLicense
      prev.source ??= m.source
      prev.blankFormUrl ??= m.blankFormUrl
      prev.sampleUrl ??= m.sampleUrl
      prev.note ??= m.note
    }
  }
  return [...merged.values()]
}

/** Promised time of a bundle: its own promise when set, else its items' promises added up. */
export function bundleTimes(items: BundleItem[], own?: number | null) {
  const separateLimitDays = items.reduce((sum, i) => sum + i.promisedLimitDays, 0)
  return {
    promisedLimitDays: own ?? separateLimitDays,
    separateLimitDays,
    separateVisits: items.reduce((sum, i) => sum + i.visits, 0),
    visits: items.reduce((max, i) => Math.max(max, i.visits), 0),
  }
}

// ---------------------------------------------------------------------------------------------
// Ratings
// ---------------------------------------------------------------------------------------------

export function emptyRatingSummary(): RatingSummary {
  return { count: 0, goodRate: null, average: null, levels: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } }
}
