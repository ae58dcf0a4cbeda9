/**
 * Catalogue benchmark (a script, not a test):
 *   npx tsx --conditions=@xz/source tests/load/catalogue.bench.ts   (or: npm run bench:catalogue)
 *
 * Starts its own embedded database (temp dir, free port) and the app on 127.0.0.1, loads 2,000 generated items and
 * 500 points, then measures `GET /services?q=…` and `GET /halls?lat&lng` (p50/p95 over REQUESTS sequential
 * requests each) and, in the same run, the raw driver query each endpoint needs, printing both and their ratio.
 */
import { performance } from 'node:perf_hooks'
import { latencyStats, runBench } from './bench-lib'

const ITEMS = 2000
const HALLS = 500
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200)
const WARMUP = 20
const CENTRE = { lat: 38.4167, lng: 112.7333 }

const SUBJECTS = [
  '营业执照', '食品经营许可证', '不动产权证书', '社会保障卡', '住房公积金', '居民身份证', '机动车驾驶证', '居住证', '医师执业证书',
  '教师资格', '道路运输经营许可证', '公共场所卫生许可证', '药品经营许可证', '建设工程规划许可证', '施工许可证', '出生医学证明',
  '结婚登记', '城乡居民医保', '失业保险金', '残疾人补贴',
]
const ACTIONS = ['申领', '变更', '注销', '补领', '换领', '查询', '备案', '延续', '核发', '转移']
const QUALIFIERS = ['个人', '企业', '个体工商户', '农民专业合作社', '外商投资企业', '分支机构', '异地', '网上', '窗口', '代办']
const QUERIES = ['营业执照', 'yyzz', '社会保障卡', 'sbk', '公积金', 'zhufanggongjijin', '补领', '不动产', 'jsz', '备案']
const HALL_TYPES = ['center', 'township', 'village', 'bank', 'selfservice'] as const

/** A deterministic pseudo-random sequence (reproducible runs). */
function rng(seed: number) {
  let x = seed
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31
    return x / 2 ** 31
  }
}

async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn(i)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn(i)
    out.push(performance.now() - t)
  }
  return out
}

runBench(async ({ mongoose, serve }) => {
  const [shared, catalogue, rules, { Hall }] = await Promise.all([
    import('@xz/shared'),
    import('../../server/src/modules/catalogue/catalogue.model'),
    import('../../server/src/modules/catalogue/catalogue.rules'),
    import('../../server/src/modules/halls/hall.model'),
  ])
  const { Department, Service } = catalogue

  // ---- data -------------------------------------------------------------------------------
  const t0 = performance.now()
  const random = rng(42)
  const departments = await Department.insertMany(
    Array.from({ length: 20 }, (_, i) => ({ name: `忻州市测试部门${i + 1}`, shortName: `测试${i + 1}局`, regionCode: '140900' })),
  )
  const hallIds = Array.from({ length: HALLS }, () => new mongoose.Types.ObjectId())
  const services = Array.from({ length: ITEMS }, (_, i) => {
    const subject = SUBJECTS[i % SUBJECTS.length]
    const action = ACTIONS[Math.floor(i / SUBJECTS.length) % ACTIONS.length]
    const qualifier = QUALIFIERS[Math.floor(i / (SUBJECTS.length * ACTIONS.length)) % QUALIFIERS.length]
    const name = `${subject}${action}（${qualifier}）`
    const dept = departments[i % departments.length]
    const input = shared.ServiceInputSchema.parse({
      code: `140900-BM-${String(i + 1).padStart(5, '0')}`,
      name,
      itemType: shared.ITEM_TYPES[i % shared.ITEM_TYPES.length],
      departmentId: dept._id.toString(),
      implementer: dept.name,
      legalBasis: ['《中华人民共和国行政许可法》'],
      audiences: [shared.AUDIENCES[i % 2]],
      themes: [shared.THEMES[i % shared.THEMES.length]],
      levels: ['市级'],
      regionCode: '140900',
      conditions: ['符合法定条件的申请人'],
      materials: [
        { name: '居民身份证', form: '原件', eLicense: true },
        { name: `${subject}申请表`, form: '原件' },
        { name: '授权委托书', form: '原件', required: false },
      ],
      steps: [
        { name: '受理', role: '综合窗口' },
        { name: '审核', role: '业务科室', limitDays: 2 },
        { name: '办结', role: '综合窗口' },
      ],
      legalLimitDays: 20,
      promisedLimitDays: 5,
      fee: { free: true },
      visits: 1,
      onlineDepth: '网上预审',
      hallIds: Array.from({ length: 3 }, () => hallIds[Math.floor(random() * HALLS)].toString()),
      consultPhone: '0350-3336020',
      faq: [{ q: `${name}需要多久？`, a: '承诺5个工作日内办结。' }],
      keywords: [subject, action, qualifier],
    })
    const search = rules.searchFieldsOf({
      ...input,
      departmentNames: [dept.name, dept.shortName ?? ''],
    })
    return { ...input, ...search, offHours: i % 7 === 0 }
  })
  const inserted = await Service.insertMany(services)
  const serviceIds = inserted.map((s) => s._id)
  await Hall.insertMany(
    hallIds.map((_id, i) => {
      const type = HALL_TYPES[i % HALL_TYPES.length]
      return {
        _id,
        ...shared.HallInputSchema.parse({
          name: `测试网点${i + 1}`,
          type,
          regionCode: '140902',
          address: `忻州市忻府区测试路${i + 1}号`,
          location: { lat: CENTRE.lat + (random() - 0.5), lng: CENTRE.lng + (random() - 0.5) },
          phone: '0350-3336020',
          open24h: type === 'selfservice',
          serviceIds: Array.from({ length: 20 }, () => serviceIds[Math.floor(random() * ITEMS)].toString()),
          windows: [],
        }),
      }
    }),
  )
  console.log(`Loaded ${ITEMS} items and ${HALLS} points in ${Math.round(performance.now() - t0)} ms`)

  // ---- app --------------------------------------------------------------------------------
  const base = await serve()
  const get = async (url: string) => {
    const res = await fetch(base + url)
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`)
    return (await res.json()) as { total: number }
  }

  // ---- GET /services?q=… vs the raw query it needs ---------------------------------------
  const services$ = mongoose.connection.collection('services')
  const searchSummary = `code name itemType departmentId audiences themes promisedLimitDays visits bookable offHours instantApproval commitment status demo pinyin initials`
  const projection = Object.fromEntries(searchSummary.split(' ').map((f) => [f, 1]))
  const totals = new Map<string, number>()
  for (const q of QUERIES) totals.set(q, (await get(`/services?q=${encodeURIComponent(q)}`)).total)
  const searchApi = await time(REQUESTS, (i) => get(`/services?q=${encodeURIComponent(QUERIES[i % QUERIES.length])}&pageSize=20`))
  const searchRaw = await time(REQUESTS, (i) => {
    const parsed = rules.parseQuery(QUERIES[i % QUERIES.length])!
    return services$.find({ $and: [{ status: 'active' }, rules.searchFilter(parsed)] }, { projection }).toArray()
  })

  // ---- GET /halls?lat&lng vs the raw query it needs --------------------------------------
  const halls$ = mongoose.connection.collection('halls')
  const hallFields = 'name type regionCode address location phone open24h regularHours weekendHours holidayHours status demo'
  const hallProjection = Object.fromEntries(hallFields.split(' ').map((f) => [f, 1]))
  const point = (i: number) => ({ lat: (CENTRE.lat + ((i % 10) - 5) * 0.02).toFixed(4), lng: (CENTRE.lng + ((i % 7) - 3) * 0.02).toFixed(4) })
  const hallsApi = await time(REQUESTS, (i) => get(`/halls?lat=${point(i).lat}&lng=${point(i).lng}&pageSize=20`))
  const hallsRaw = await time(REQUESTS, () => halls$.find({ status: 'active' }, { projection: hallProjection }).toArray())

  // ---- report -----------------------------------------------------------------------------
  const row = (label: string, api: number[], raw: number[]) => {
    const a = latencyStats(api)
    const r = latencyStats(raw)
    return `${label.padEnd(22)} API p50 ${a.p50.toFixed(1).padStart(6)} ms  p95 ${a.p95.toFixed(1).padStart(6)} ms | raw query p50 ${r.p50
      .toFixed(1)
      .padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms | ratio p50 ${(a.p50 / r.p50).toFixed(2)}×  p95 ${(a.p95 / r.p95).toFixed(2)}×`
  }
  console.log(`\n${REQUESTS} sequential requests each (after ${WARMUP} warm-up), ${ITEMS} items, ${HALLS} points, FerretDB/SQLite embedded`)
  console.log(`matches per query: ${[...totals].map(([q, n]) => `${q}=${n}`).join(', ')}`)
  console.log(row('GET /services?q=…', searchApi, searchRaw))
  console.log(row('GET /halls?lat&lng', hallsApi, hallsRaw))
})
