import mongoose from 'mongoose'
import { Bundle, Region, Service } from '../../server/src/modules/catalogue/catalogue.model'
import { ratingSummaryPort } from '../../server/src/modules/catalogue/catalogue.ports'
import { Hall } from '../../server/src/modules/halls/hall.model'
import { api } from '../helpers/app'
import { useTestDb } from '../helpers/db'
import { makeDepartment, makeHall, makeService } from '../helpers/factories'

useTestDb()

type Doc = { _id: mongoose.Types.ObjectId }
const id = (d: Doc) => d._id.toString()

let scjg: Doc
let rsj: Doc
const S: Record<string, Doc> = {}

beforeAll(async () => {
  scjg = await makeDepartment({ name: '忻州市市场监督管理局', shortName: '市市场监管局' })
  rsj = await makeDepartment({ name: '忻州市人力资源和社会保障局', shortName: '市人社局' })
  const market = { departmentId: id(scjg), themes: ['市场监管' as const], audiences: ['法人' as const] }
  S.exact = await makeService({ ...market, code: 'T-MKT-1', name: '营业执照' })
  S.prefix = await makeService({ ...market, code: 'T-MKT-2', name: '营业执照遗失补领' }, { offHours: true })
  S.contains = await makeService({ ...market, code: 'T-MKT-3', name: '个体工商户营业执照变更', audiences: ['个人'], regionCode: '140902' })
  S.keyword = await makeService({ ...market, code: 'T-MKT-4', name: '公司设立登记', themes: ['企业开办'], keywords: ['营业执照', '开公司'] })
  S.faq = await makeService({
    ...market,
    code: 'T-MKT-5',
    name: '食品经营许可',
    faq: [{ q: '需要先办营业执照吗？', a: '需要先取得营业执照。' }],
  })
  S.social = await makeService({ departmentId: id(rsj), code: 'T-SB-1', name: '社会保障卡申领', themes: ['社保'], regionCode: '140981' })
  S.archived = await makeService({ ...market, code: 'T-MKT-9', name: '营业执照（旧）' }, { status: 'archived' })
})

const search = (query: Record<string, string | number>) => api().get('/api/v1/services').query(query)
const codes = (body: { items: { code: string }[] }) => body.items.map((i) => i.code)

describe('GET /services — search', () => {
  it('when searching "营业执照", then exact name, name prefix, name contains, then other fields (keywords, FAQ)', async () => {
    const res = await search({ q: '营业执照' })
    expect(res.status).toBe(200)
    expect(codes(res.body)).toEqual(['T-MKT-1', 'T-MKT-2', 'T-MKT-3', 'T-MKT-4', 'T-MKT-5'])
    expect(res.body).toMatchObject({ total: 5, page: 1, pageSize: 20 })
    expect(res.body.items[0]).toMatchObject({ name: '营业执照', departmentName: '市市场监管局', status: 'active', demo: false })
  })

  it('when searching by pinyin initials "yyzz", then 营业执照 items come back in the same order (FAQ is Chinese only)', async () => {
    const res = await search({ q: 'yyzz' })
    expect(codes(res.body)).toEqual(['T-MKT-1', 'T-MKT-2', 'T-MKT-3', 'T-MKT-4'])
  })

  it('when searching by full pinyin, with or without spaces and capitals, then it matches like the Chinese name', async () => {
    for (const q of ['yingyezhizhao', 'Ying Ye Zhi Zhao']) {
      expect(codes((await search({ q })).body)).toEqual(['T-MKT-1', 'T-MKT-2', 'T-MKT-3', 'T-MKT-4'])
    }
    expect(codes((await search({ q: 'shehuibaozhang' })).body)).toEqual(['T-SB-1'])
  })

  it('when searching by department, code or keyword, then those items match', async () => {
    expect(codes((await search({ q: '人社' })).body)).toEqual(['T-SB-1'])
    expect(codes((await search({ q: 't-sb' })).body)).toEqual(['T-SB-1'])
    expect(codes((await search({ q: '开公司' })).body)).toEqual(['T-MKT-4'])
    expect(codes((await search({ q: 'kgs' })).body)).toEqual(['T-MKT-4'])
  })

  it('when two Chinese terms are given, then items must match both', async () => {
    expect(codes((await search({ q: '营业执照 遗失' })).body)).toEqual(['T-MKT-2'])
  })

  it('when the query holds regex syntax, then it is matched literally', async () => {
    for (const q of ['.*', '(', '[a-', '\\']) {
      const res = await search({ q })
      expect(res.status).toBe(200)
      expect(res.body.total).toBe(0)
    }
  })

  it('when an item is archived, then search leaves it out', async () => {
    const res = await search({ q: '旧' })
    expect(res.body.total).toBe(0)
    expect((await search({ pageSize: 50 })).body.items.map((i: { code: string }) => i.code)).not.toContain('T-MKT-9')
  })
})

describe('GET /services — filters and pages', () => {
  it('when filtering by audience, theme, department or off-hours, then only those items come back', async () => {
    expect(codes((await search({ q: '营业执照', audience: '个人' })).body)).toEqual(['T-MKT-3'])
    expect(codes((await search({ theme: '企业开办' })).body)).toEqual(['T-MKT-4'])
    expect(codes((await search({ departmentId: id(rsj) })).body)).toEqual(['T-SB-1'])
    expect(codes((await search({ offHours: 'true' })).body)).toEqual(['T-MKT-2'])
    expect((await search({ offHours: 'false' })).body.total).toBe(5)
  })

  it('when filtering by region, then items of the region, above it and within it apply', async () => {
    // 原平市 (140981): city-wide items and its own, not 忻府区's
    const yuanping = codes((await search({ regionCode: '140981', pageSize: 50 })).body)
    expect(yuanping).toContain('T-SB-1')
    expect(yuanping).toContain('T-MKT-1')
    expect(yuanping).not.toContain('T-MKT-3')
    // a township of 忻府区 sees 忻府区's item
    expect(codes((await search({ regionCode: '140902001', q: '变更' })).body)).toEqual(['T-MKT-3'])
  })

  it('when there is no query, then items come in name order, a page at a time', async () => {
    const all = await search({ pageSize: 50 })
    expect(all.body.total).toBe(6)
    const page2 = await search({ page: 2, pageSize: 4 })
    expect(page2.body).toMatchObject({ total: 6, page: 2, pageSize: 4 })
    expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual(all.body.items.slice(4).map((i: { id: string }) => i.id))
  })

  it('when a ranked search is paged, then pages follow the ranking', async () => {
    const res = await search({ q: '营业执照', page: 2, pageSize: 2 })
    expect(codes(res.body)).toEqual(['T-MKT-3', 'T-MKT-4'])
    expect(res.body.total).toBe(5)
  })

  it.each([
    [{ pageSize: 51 }, 'pageSize'],
    [{ pageSize: 0 }, 'pageSize'],
    [{ page: 0 }, 'page'],
    [{ page: 'x' }, 'page'],
    [{ audience: '外星人' }, 'audience'],
    [{ theme: '不存在' }, 'theme'],
    [{ departmentId: 'abc' }, 'departmentId'],
    [{ regionCode: '14' }, 'regionCode'],
    [{ offHours: 'maybe' }, 'offHours'],
    [{ q: 'x'.repeat(51) }, 'q'],
  ])('when the query is %j, then 400 naming %s', async (query, field) => {
    const res = await search(query as Record<string, string | number>)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.details.issues[0].path).toBe(field)
  })
})

describe('GET /services/:id', () => {
  it('when the item exists, then the whole guide comes with its active points and an empty rating summary', async () => {
    const open = await makeHall({ name: '忻州市政务服务中心（测试）', serviceIds: [id(S.social)] })
    await makeHall({ name: '已撤销网点（测试）', serviceIds: [id(S.social)] }, { status: 'archived' })
    const res = await api().get(`/api/v1/services/${id(S.social)}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      code: 'T-SB-1',
      name: '社会保障卡申领',
      departmentName: '市人社局',
      materials: [{ name: '居民身份证', form: '原件', copies: 1, required: true, exempt: false, promise: false, eLicense: false }],
      steps: [{ name: '受理', role: '窗口' }, { name: '办结', role: '窗口' }],
      fee: { free: true },
      complaintPhone: '12345',
      status: 'active',
      ratingSummary: { count: 0, goodRate: null, average: null, levels: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
    })
    expect(res.body.halls).toEqual([expect.objectContaining({ id: id(open), name: '忻州市政务服务中心（测试）', type: 'center' })])
    expect(res.body).not.toHaveProperty('searchText')
    expect(res.body).not.toHaveProperty('pinyin')
  })

  it('when the ratings module plugs in its summary, then the guide shows it', async () => {
    const real = ratingSummaryPort.plug(async (serviceId) => ({
      count: serviceId === id(S.exact) ? 4 : 0,
      goodRate: 0.75,
      average: 4,
      levels: { '1': 1, '2': 0, '3': 0, '4': 0, '5': 3 },
    }))
    try {
      const res = await api().get(`/api/v1/services/${id(S.exact)}`)
      expect(res.body.ratingSummary).toMatchObject({ count: 4, goodRate: 0.75 })
    } finally {
      ratingSummaryPort.plug(real!)
    }
    expect((await api().get(`/api/v1/services/${id(S.exact)}`)).body.ratingSummary.count).toBe(0)
  })

  it('when the item is archived, then its guide still answers, marked archived', async () => {
    const res = await api().get(`/api/v1/services/${id(S.archived)}`)
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('archived')
  })

  it('when a fee is charged, then amount in fen and basis come back', async () => {
    const paid = await makeService({ departmentId: id(scjg), fee: { free: false, amountFen: 1050, basis: '《收费标准》' } })
    const res = await api().get(`/api/v1/services/${id(paid)}`)
    expect(res.body.fee).toEqual({ free: false, amountFen: 1050, basis: '《收费标准》' })
  })

  it('when the item does not exist, then 404; when the id is malformed, then 400', async () => {
    const missing = await api().get(`/api/v1/services/${new mongoose.Types.ObjectId()}`)
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('NOT_FOUND')
    const bad = await api().get('/api/v1/services/not-an-id')
    expect(bad.status).toBe(400)
  })
})

describe('GET /bundles, GET /bundles/:id (一件事一次办)', () => {
  let bundleId: string
  beforeAll(async () => {
    const dept = await makeDepartment()
    const idCard = { name: '经办人居民身份证', form: '原件' as const, eLicense: true }
    const a = await makeService({
      departmentId: id(dept),
      name: '设立登记（测试）',
      promisedLimitDays: 1,
      visits: 0,
      materials: [idCard, { name: '公司章程', form: '原件' }],
    })
    const b = await makeService({
      departmentId: id(dept),
      name: '印章刻制（测试）',
      promisedLimitDays: 1,
      visits: 1,
      materials: [{ ...idCard, form: '复印件', copies: 2 }, { name: '印章样式', form: '原件' }],
    })
    const c = await makeService({ departmentId: id(dept), name: '社保登记（测试）', promisedLimitDays: 2, visits: 1, materials: [idCard] })
    const bundle = await Bundle.create({
      name: '企业开办一件事（测试）',
      description: '一次办',
      serviceIds: [a._id, b._id, c._id],
      themes: ['企业开办'],
      steps: [{ name: '一表申报', role: '申请人' }, { name: '并联办理', role: '各部门', limitDays: 1 }],
      regionCode: '140900',
    })
    await Bundle.create({ name: '已撤销一件事', description: '', serviceIds: [a._id, b._id], themes: ['企业开办'], steps: [], regionCode: '140900', status: 'archived' })
    bundleId = bundle._id.toString()
  })

  it('when bundles are listed, then active ones come with their combined promise', async () => {
    const res = await api().get('/api/v1/bundles')
    expect(res.status).toBe(200)
    expect(res.body).toEqual([
      expect.objectContaining({ id: bundleId, name: '企业开办一件事（测试）', serviceCount: 3, promisedLimitDays: 4, status: 'active', demo: false }),
    ])
  })

  it('when a bundle is opened, then its materials are merged: a shared material appears once, naming every item', async () => {
    const res = await api().get(`/api/v1/bundles/${bundleId}`)
    expect(res.status).toBe(200)
    expect(res.body.services.map((s: { name: string }) => s.name)).toEqual(['设立登记（测试）', '印章刻制（测试）', '社保登记（测试）'])
    expect(res.body.mergedMaterials.map((m: { name: string }) => m.name)).toEqual(['经办人居民身份证', '公司章程', '印章样式'])
    expect(res.body.mergedMaterials[0]).toMatchObject({
      serviceNames: ['设立登记（测试）', '印章刻制（测试）', '社保登记（测试）'],
      form: '原件及复印件',
      copies: 2,
      eLicense: true,
    })
    expect(res.body).toMatchObject({ promisedLimitDays: 4, separateLimitDays: 4, separateVisits: 2, visits: 1 })
    expect(res.body.steps).toEqual([{ name: '一表申报', role: '申请人' }, { name: '并联办理', role: '各部门', limitDays: 1 }])
  })

  it('when the bundle does not exist, then 404; malformed id, then 400', async () => {
    expect((await api().get(`/api/v1/bundles/${new mongoose.Types.ObjectId()}`)).status).toBe(404)
    expect((await api().get('/api/v1/bundles/xyz')).status).toBe(400)
  })
})

describe('GET /regions, /departments, /themes', () => {
  beforeAll(async () => {
    await Region.insertMany([
      { _id: '140900', name: '忻州市', level: 'city' },
      { _id: '140902', name: '忻府区', level: 'county', parentCode: '140900' },
      { _id: '140981', name: '原平市', level: 'county', parentCode: '140900' },
      { _id: '140902001', name: '新建路街道', level: 'township', parentCode: '140902' },
    ])
  })

  it('when regions are listed, then every level comes back, filterable by parent and level', async () => {
    const all = await api().get('/api/v1/regions')
    expect(all.status).toBe(200)
    expect(all.body.map((r: { code: string }) => r.code)).toEqual(['140900', '140902', '140902001', '140981'])
    const counties = await api().get('/api/v1/regions').query({ parentCode: '140900' })
    expect(counties.body.map((r: { name: string }) => r.name)).toEqual(['忻府区', '原平市'])
    const townships = await api().get('/api/v1/regions').query({ level: 'township' })
    expect(townships.body).toEqual([{ code: '140902001', name: '新建路街道', level: 'township', parentCode: '140902' }])
  })

  it('when region filters are malformed, then 400', async () => {
    expect((await api().get('/api/v1/regions').query({ parentCode: 'abc' })).status).toBe(400)
    expect((await api().get('/api/v1/regions').query({ level: 'province' })).status).toBe(400)
  })

  it('when departments are listed, then each has its id and names; a region filter keeps those serving it', async () => {
    const county = await makeDepartment({ name: '原平市行政审批服务管理局', regionCode: '140981' })
    const res = await api().get('/api/v1/departments')
    expect(res.status).toBe(200)
    expect(res.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: id(rsj), name: '忻州市人力资源和社会保障局', shortName: '市人社局' })]))
    const xinfu = await api().get('/api/v1/departments').query({ regionCode: '140902' })
    expect(xinfu.body.map((d: { id: string }) => d.id)).not.toContain(id(county))
    expect(xinfu.body.map((d: { id: string }) => d.id)).toContain(id(rsj))
    expect((await api().get('/api/v1/departments').query({ regionCode: 'x' })).status).toBe(400)
  })

  it('when themes are listed, then every theme comes with its number of active items', async () => {
    const res = await api().get('/api/v1/themes')
    expect(res.status).toBe(200)
    const count = (name: string) => res.body.find((t: { name: string }) => t.name === name)?.count
    const active = await Service.countDocuments({ status: 'active', themes: '市场监管' })
    expect(count('市场监管')).toBe(active)
    expect(count('企业开办')).toBe(await Service.countDocuments({ status: 'active', themes: '企业开办' }))
    expect(count('司法公证')).toBe(0)
    expect(res.body).toHaveLength(16)
  })
})

describe('item ↔ point links', () => {
  it('when a point is created with items, then each item lists the point', async () => {
    const item = await makeService({ departmentId: id(scjg) })
    const hall = await makeHall({ serviceIds: [id(item)] })
    expect((await Service.findById(item._id).lean())?.hallIds?.map(String)).toEqual([id(hall)])
    expect((await Hall.findById(hall._id).lean())?.serviceIds?.map(String)).toEqual([id(item)])
  })
})
