import {
  BundleInputSchema,
  DepartmentInputSchema,
  HALL_TYPES,
  HallInputSchema,
  RegionSchema,
  SESSION_DAY_TYPES,
  SESSION_LABELS,
  ServiceInputSchema,
  THEMES,
  TIME_RE,
} from '@xz/shared'
import { bundles } from './bundles'
import { departments } from './departments'
import { halls } from './halls'
import { regions } from './regions'
import { services } from './services'
import { sessionRules } from './session-rules'

const dummyId = (n: number) => n.toString(16).padStart(24, '0')

const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  toMinutes(a.start) < toMinutes(b.end) && toMinutes(b.start) < toMinutes(a.end)

/** Xinzhou's extent, generously (the municipality spans ≈ 38.1–39.7°N, 110.9–113.9°E). */
const BBOX = { minLat: 38.0, maxLat: 39.8, minLng: 110.8, maxLng: 114.0 }

function duplicates<T>(values: T[]): T[] {
  const seen = new Set<T>()
  const dup = new Set<T>()
  for (const v of values) (seen.has(v) ? dup : seen).add(v)
  return [...dup]
}

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ')
}

/** Checks the demo data against the shared schemas and its own cross-references. Returns the problems found. */
export function validateSeedData(): string[] {
  const problems: string[] = []
  const p = (msg: string) => problems.push(msg)

  // Regions
  const regionByCode = new Map(regions.map((r) => [r.code, r]))
  for (const code of duplicates(regions.map((r) => r.code))) p(`region code duplicated: ${code}`)
  const levelRank = { city: 0, county: 1, township: 2, village: 3 } as const
  for (const r of regions) {
    const res = RegionSchema.safeParse(r)
    if (!res.success) p(`region ${r.code}: ${issues(res.error)}`)
    const expectedLength = { city: 6, county: 6, township: 9, village: 12 }[r.level]
    if (r.code.length !== expectedLength) p(`region ${r.code} (${r.name}): code length should be ${expectedLength}`)
    if (r.level !== 'city') {
      const parent = r.parentCode ? regionByCode.get(r.parentCode) : undefined
      if (!parent) p(`region ${r.code} (${r.name}): parent ${r.parentCode ?? '(none)'} not found`)
      else if (levelRank[parent.level] !== levelRank[r.level] - 1) p(`region ${r.code}: parent level ${parent.level} does not fit ${r.level}`)
      else if (!r.code.startsWith(r.level === 'county' ? parent.code.slice(0, 4) : parent.code))
        p(`region ${r.code}: code does not extend its parent ${parent.code}`)
    }
  }
  const counties = regions.filter((r) => r.level === 'county')
  if (counties.length !== 16) p(`expected 16 county-level divisions, found ${counties.length}`)

  // Departments
  const departmentKeys = new Set(departments.map((d) => d.key))
  for (const k of duplicates(departments.map((d) => d.key))) p(`department key duplicated: ${k}`)
  for (const n of duplicates(departments.map((d) => d.name))) p(`department name duplicated: ${n}`)
  for (const d of departments) {
    const { key: _key, ...input } = d
    const res = DepartmentInputSchema.safeParse(input)
    if (!res.success) p(`department ${d.key}: ${issues(res.error)}`)
    if (!regionByCode.has(d.regionCode)) p(`department ${d.key}: region ${d.regionCode} not found`)
  }

  // Services
  const serviceByCode = new Map(services.map((s) => [s.code, s]))
  for (const c of duplicates(services.map((s) => s.code))) p(`service code duplicated: ${c}`)
  for (const n of duplicates(services.map((s) => s.name))) p(`service name duplicated: ${n}`)
  if (services.length < 60) p(`expected at least 60 services, found ${services.length}`)
  services.forEach((s, i) => {
    const { departmentKey, ...input } = s
    const res = ServiceInputSchema.safeParse({ ...input, departmentId: dummyId(i + 1), hallIds: [dummyId(1000 + i)] })
    if (!res.success) p(`service ${s.code} ${s.name}: ${issues(res.error)}`)
    if (!departmentKeys.has(departmentKey)) p(`service ${s.code}: department ${departmentKey} not found`)
    if (!regionByCode.has(s.regionCode)) p(`service ${s.code}: region ${s.regionCode} not found`)
    if (s.promisedLimitDays > s.legalLimitDays) p(`service ${s.code}: promised ${s.promisedLimitDays} > legal ${s.legalLimitDays}`)
    if (s.instantApproval && s.promisedLimitDays !== 0) p(`service ${s.code}: 秒批 item should be 即办 (promised 0)`)
    if (s.commitment && !s.materials.some((m) => m.promise)) p(`service ${s.code}: 承诺制 item without any 告知承诺 material`)
    for (const n of duplicates(s.materials.map((m) => m.name))) p(`service ${s.code}: material listed twice: ${n}`)
    if (s.materials.length < 1 || s.materials.length > 8) p(`service ${s.code}: ${s.materials.length} materials (expected 1–8)`)
    if (s.steps.length < 2 || s.steps.length > 5) p(`service ${s.code}: ${s.steps.length} steps (expected 2–5)`)
    if (s.faq === undefined || s.faq.length === 0) p(`service ${s.code}: no FAQ`)
    if (s.keywords === undefined || s.keywords.length === 0) p(`service ${s.code}: no keywords`)
  })
  const usedThemes = new Set(services.flatMap((s) => s.themes))
  for (const t of THEMES) if (!usedThemes.has(t)) p(`theme not used by any service: ${t}`)
  for (const a of ['个人', '法人'] as const) if (!services.some((s) => s.audiences.includes(a))) p(`audience not used: ${a}`)

  // Halls
  const hallByKey = new Map(halls.map((h) => [h.key, h]))
  for (const k of duplicates(halls.map((h) => h.key))) p(`hall key duplicated: ${k}`)
  for (const n of duplicates(halls.map((h) => h.name))) p(`hall name duplicated: ${n}`)
  if (!hallByKey.has('city-center')) p('hall city-center missing')
  else if (hallByKey.get('city-center')!.type !== 'center') p('hall city-center should be of type center')
  halls.forEach((h, i) => {
    const { key: _key, serviceCodes, windows, ...input } = h
    const res = HallInputSchema.safeParse({
      ...input,
      serviceIds: serviceCodes.map((_, j) => dummyId(10_000 + i * 100 + j)),
      windows: windows.map(({ serviceCodes: wc, ...w }) => ({ ...w, serviceIds: wc.map((_, j) => dummyId(20_000 + j)) })),
    })
    if (!res.success) p(`hall ${h.key}: ${issues(res.error)}`)
    if (!regionByCode.has(h.regionCode)) p(`hall ${h.key}: region ${h.regionCode} not found`)
    for (const c of serviceCodes) if (!serviceByCode.has(c)) p(`hall ${h.key}: unknown item ${c}`)
    for (const c of duplicates(serviceCodes)) p(`hall ${h.key}: item listed twice ${c}`)
    for (const n of duplicates(windows.map((w) => w.number))) p(`hall ${h.key}: window number duplicated ${n}`)
    for (const w of windows) {
      if (w.serviceCodes.length === 0) p(`hall ${h.key}: window ${w.number} handles no item`)
      for (const c of w.serviceCodes) if (!serviceCodes.includes(c)) p(`hall ${h.key}: window ${w.number} item ${c} missing from the hall's items`)
    }
    if (serviceCodes.length === 0) p(`hall ${h.key}: handles no item`)
    const { lat, lng } = h.location
    if (lat < BBOX.minLat || lat > BBOX.maxLat || lng < BBOX.minLng || lng > BBOX.maxLng) p(`hall ${h.key}: location outside Xinzhou`)
    if ((h.type === 'selfservice') !== (h.open24h === true)) p(`hall ${h.key}: open24h should be true exactly for self-service points`)
    if (h.open24h && (h.regularHours ?? []).length > 0) p(`hall ${h.key}: 24h point should have no regularHours`)
    const ranges = [...(h.regularHours ?? [])].sort((a, b) => a.start.localeCompare(b.start))
    for (let j = 1; j < ranges.length; j++) if (overlaps(ranges[j - 1], ranges[j])) p(`hall ${h.key}: regular hours overlap`)
    if (h.type === 'bank' && (h.weekendHours ?? []).length === 0) p(`hall ${h.key}: bank branch without weekend hours`)
  })
  const minimum = { center: 7, township: 5, village: 4, bank: 4, selfservice: 3 } as const
  for (const t of HALL_TYPES) {
    const n = halls.filter((h) => h.type === t).length
    if (n < minimum[t]) p(`hall type ${t}: ${n} points, expected at least ${minimum[t]}`)
  }
  const handled = new Set(halls.flatMap((h) => h.serviceCodes))
  for (const s of services) if (s.bookable !== false && !handled.has(s.code)) p(`service ${s.code} ${s.name}: bookable but handled at no point`)

  // Bundles
  for (const n of duplicates(bundles.map((b) => b.name))) p(`bundle name duplicated: ${n}`)
  if (bundles.length < 4) p(`expected at least 4 bundles, found ${bundles.length}`)
  bundles.forEach((b, i) => {
    const { serviceCodes, ...input } = b
    const res = BundleInputSchema.safeParse({ ...input, serviceIds: serviceCodes.map((_, j) => dummyId(30_000 + i * 100 + j)) })
    if (!res.success) p(`bundle ${b.name}: ${issues(res.error)}`)
    for (const c of duplicates(serviceCodes)) p(`bundle ${b.name}: item listed twice ${c}`)
    const items = serviceCodes.map((c) => serviceByCode.get(c))
    serviceCodes.forEach((c, j) => {
      if (!items[j]) p(`bundle ${b.name}: unknown item ${c}`)
    })
    const known = items.filter((s) => s !== undefined)
    const names = known.flatMap((s) => [...new Set(s.materials.map((m) => m.name))])
    if (duplicates(names).length === 0) p(`bundle ${b.name}: its items share no material, nothing to de-duplicate`)
    const slowest = Math.max(0, ...known.map((s) => s.promisedLimitDays))
    if (b.promisedLimitDays !== undefined && b.promisedLimitDays < slowest)
      p(`bundle ${b.name}: promised ${b.promisedLimitDays} days, less than its slowest item (${slowest})`)
  })

  // Session rules
  sessionRules.forEach((r, i) => {
    const where = `session rule #${i} (${r.hallKey} ${r.label} ${r.start}-${r.end})`
    const h = hallByKey.get(r.hallKey)
    if (!h) {
      p(`${where}: hall not found`)
      return
    }
    if (!(SESSION_LABELS as readonly string[]).includes(r.label)) p(`${where}: unknown label`)
    if (r.dayTypes.length === 0) p(`${where}: no day type`)
    for (const d of r.dayTypes) if (!(SESSION_DAY_TYPES as readonly string[]).includes(d)) p(`${where}: unknown day type ${d}`)
    if (!TIME_RE.test(r.start) || !TIME_RE.test(r.end)) p(`${where}: bad time`)
    else {
      const length = toMinutes(r.end) - toMinutes(r.start)
      if (length <= 0) p(`${where}: end not after start`)
      else if (length % r.slotMinutes !== 0) p(`${where}: ${length} min is not a multiple of the ${r.slotMinutes} min slot`)
      if (r.dayTypes.includes('workday'))
        for (const reg of h.regularHours ?? []) if (overlaps(r, reg)) p(`${where}: overlaps regular hours ${reg.start}-${reg.end}`)
      if (r.dayTypes.includes('weekend'))
        for (const reg of h.weekendHours ?? []) if (overlaps(r, reg)) p(`${where}: overlaps weekend hours ${reg.start}-${reg.end}`)
    }
    if (r.capacity !== undefined && (!Number.isInteger(r.capacity) || r.capacity < 1)) p(`${where}: bad capacity`)
    if (h.type === 'selfservice') p(`${where}: self-service points need no session`)
    for (const c of r.serviceCodes) {
      const s = serviceByCode.get(c)
      if (!s) p(`${where}: unknown item ${c}`)
      else if (s.bookable === false) p(`${where}: item ${c} is not bookable`)
      if (!h.serviceCodes.includes(c)) p(`${where}: item ${c} is not handled at ${h.key}`)
    }
    for (const c of duplicates(r.serviceCodes)) p(`${where}: item listed twice ${c}`)
  })
  const labels = new Set(sessionRules.map((r) => r.label))
  for (const l of SESSION_LABELS) if (!labels.has(l)) p(`no session rule labelled ${l}`)

  return problems
}
