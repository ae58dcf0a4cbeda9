import mongoose from 'mongoose'
import { Bundle, Department, Service } from '../../server/src/modules/catalogue/catalogue.model'
import { Hall } from '../../server/src/modules/halls/hall.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { makeDepartment, makeHall, makeService, serviceInput } from '../helpers/factories'

useTestDb()

type Doc = { _id: mongoose.Types.ObjectId }
const id = (d: Doc) => d._id.toString()

let cityAdmin: Session
let xinfuAdmin: Session
let dept: Doc

beforeAll(async () => {
  cityAdmin = await account({ role: 'admin', regionCode: '140900' })
  xinfuAdmin = await account({ role: 'admin', regionCode: '140902' })
  dept = await makeDepartment({ name: '忻州市市场监督管理局', shortName: '市市场监管局' })
})

const search = (q: string) => api().get('/api/v1/services').query({ q })

describe('POST /admin/services', () => {
  it('when an administrator creates an item, then it is stored with its search fields and found by pinyin', async () => {
    const hall = await makeHall({ regionCode: '140902' })
    const body = serviceInput(id(dept), {
      code: '140902-XK-90001',
      name: '营业执照遗失补领',
      regionCode: '140902',
      hallIds: [id(hall)],
      keywords: ['执照补办'],
      fee: { free: false, amountFen: 2000, basis: '《工本费标准》' },
    })
    const res = await api().post('/api/v1/admin/services').set(xinfuAdmin.auth).send(body)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ code: '140902-XK-90001', status: 'active', demo: false, halls: [{ id: id(hall) }], fee: { amountFen: 2000 } })
    const stored = await Service.findById(res.body.id).lean()
    expect(stored).toMatchObject({
      pinyin: 'yingyezhizhaoyishibuling|zhizhaobuban',
      initials: 'yyzzysbl|zzbb',
      offHours: false,
      bookable: true,
      hours: '工作日 9:00-12:00，13:30-17:30',
    })
    expect(stored?.searchText).toContain('市市场监管局')
    expect((await Hall.findById(hall._id).lean())?.serviceIds?.map(String)).toContain(res.body.id)
    expect((await search('yyzz')).body.items.map((i: { id: string }) => i.id)).toContain(res.body.id)
  })

  it.each([
    [{ consultPhone: '110-abc' }, 'consultPhone'],
    [{ complaintPhone: '1' }, 'complaintPhone'],
    [{ code: 'abc' }, 'code'],
    [{ audiences: [] }, 'audiences'],
    [{ fee: { free: false, amountFen: 1.5, basis: '标准' } }, 'fee.amountFen'],
    [{ visits: 3 }, 'visits'],
    [{ materials: [{ name: '身份证', form: '扫描件' }] }, 'materials.0.form'],
    [{ departmentId: 'nope' }, 'departmentId'],
    [{ searchText: 'injected' }, ''],
  ])('when the body has %j, then 400 naming "%s" and nothing is stored', async (patch, field) => {
    const before = await Service.countDocuments()
    const res = await api()
      .post('/api/v1/admin/services')
      .set(cityAdmin.auth)
      .send({ ...serviceInput(id(dept)), ...patch })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.details.issues[0].path).toBe(field)
    expect(await Service.countDocuments()).toBe(before)
  })

  it('when the department or a point does not exist, then 400 naming it', async () => {
    const ghost = new mongoose.Types.ObjectId().toString()
    const noDept = await api().post('/api/v1/admin/services').set(cityAdmin.auth).send(serviceInput(ghost))
    expect(noDept.status).toBe(400)
    expect(noDept.body.error.details.issues[0].path).toBe('departmentId')
    const hall = await makeHall()
    const noHall = await api()
      .post('/api/v1/admin/services')
      .set(cityAdmin.auth)
      .send(serviceInput(id(dept), { hallIds: [id(hall), ghost] }))
    expect(noHall.status).toBe(400)
    expect(noHall.body.error.details.issues[0].path).toBe('hallIds.1')
  })

  it('when the code is taken, then 409 DUPLICATE', async () => {
    await makeService({ departmentId: id(dept), code: '140900-QT-77777' })
    const res = await api().post('/api/v1/admin/services').set(cityAdmin.auth).send(serviceInput(id(dept), { code: '140900-QT-77777' }))
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('DUPLICATE')
    expect(await Service.countDocuments({ code: '140900-QT-77777' })).toBe(1)
  })

  it('when the item is outside the administrator region, or the caller is not an administrator, then 403/401', async () => {
    const body = serviceInput(id(dept), { regionCode: '140981' })
    const res = await api().post('/api/v1/admin/services').set(xinfuAdmin.auth).send(body)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('FORBIDDEN')
    // a county administrator may not create city-wide items either
    expect((await api().post('/api/v1/admin/services').set(xinfuAdmin.auth).send(serviceInput(id(dept)))).status).toBe(403)
    expect((await api().post('/api/v1/admin/services').send(body)).status).toBe(401)
    const c = await citizen()
    expect((await api().post('/api/v1/admin/services').set(c.auth).send(body)).status).toBe(403)
    const staff = await account({ role: 'staff' })
    expect((await api().post('/api/v1/admin/services').set(staff.auth).send(body)).status).toBe(403)
    const noRegion = await account({ role: 'admin' })
    expect((await api().post('/api/v1/admin/services').set(noRegion.auth).send(body)).status).toBe(403)
    expect(await Service.countDocuments({ regionCode: '140981' })).toBe(0)
  })
})

describe('PATCH /admin/services/:id', () => {
  it('when the name changes, then the search fields follow and unset fields keep their values', async () => {
    const item = await makeService({ departmentId: id(dept), name: '旧名称事项', keywords: ['关键词'], hours: '全天', faq: [{ q: '问题一？', a: '答案一。' }] })
    const res = await api().patch(`/api/v1/admin/services/${id(item)}`).set(cityAdmin.auth).send({ name: '食品经营许可证核发' })
    expect(res.status).toBe(200)
    const stored = await Service.findById(item._id).lean()
    expect(stored).toMatchObject({
      name: '食品经营许可证核发',
      pinyin: 'shipinjingyingxukezhenghefa|guanjianci',
      keywords: ['关键词'],
      hours: '全天',
      faq: [{ q: '问题一？', a: '答案一。' }],
      complaintPhone: '12345',
    })
    expect((await search('spjy')).body.items.map((i: { id: string }) => i.id)).toContain(id(item))
  })

  it('when the points change, then both sides of the link follow', async () => {
    const a = await makeHall()
    const b = await makeHall()
    const item = await makeService({ departmentId: id(dept), hallIds: [id(a)] })
    const res = await api().patch(`/api/v1/admin/services/${id(item)}`).set(cityAdmin.auth).send({ hallIds: [id(b)] })
    expect(res.status).toBe(200)
    expect(res.body.halls.map((h: { id: string }) => h.id)).toEqual([id(b)])
    expect((await Hall.findById(a._id).lean())?.serviceIds?.map(String)).not.toContain(id(item))
    expect((await Hall.findById(b._id).lean())?.serviceIds?.map(String)).toContain(id(item))
  })

  it('when the patch is invalid, then 400 naming the field; the code cannot change', async () => {
    const item = await makeService({ departmentId: id(dept) })
    const bad = await api().patch(`/api/v1/admin/services/${id(item)}`).set(cityAdmin.auth).send({ consultPhone: 'x' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('consultPhone')
    const code = await api().patch(`/api/v1/admin/services/${id(item)}`).set(cityAdmin.auth).send({ code: '140900-XK-12345' })
    expect(code.status).toBe(400)
    const dep = await api().patch(`/api/v1/admin/services/${id(item)}`).set(cityAdmin.auth).send({ departmentId: new mongoose.Types.ObjectId().toString() })
    expect(dep.status).toBe(400)
    expect(dep.body.error.details.issues[0].path).toBe('departmentId')
  })

  it('when the item is outside the region or does not exist, then 403 / 404', async () => {
    const cityItem = await makeService({ departmentId: id(dept) })
    const res = await api().patch(`/api/v1/admin/services/${id(cityItem)}`).set(xinfuAdmin.auth).send({ name: '改不了的名称' })
    expect(res.status).toBe(403)
    expect((await Service.findById(cityItem._id).lean())?.name).toBe(cityItem.name)
    const own = await makeService({ departmentId: id(dept), regionCode: '140902' })
    const move = await api().patch(`/api/v1/admin/services/${id(own)}`).set(xinfuAdmin.auth).send({ regionCode: '140900' })
    expect(move.status).toBe(403)
    const missing = await api().patch(`/api/v1/admin/services/${new mongoose.Types.ObjectId()}`).set(cityAdmin.auth).send({ name: '不存在的事项' })
    expect(missing.status).toBe(404)
  })
})

describe('POST /admin/services/:id/archive', () => {
  it('when an item is archived, then search drops it, its guide stays (status archived) and admins still list it', async () => {
    const item = await makeService({ departmentId: id(dept), name: '待归档的测试事项', regionCode: '140902' })
    expect((await search('待归档')).body.total).toBe(1)
    const res = await api().post(`/api/v1/admin/services/${id(item)}/archive`).set(xinfuAdmin.auth)
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('archived')
    expect((await Service.findById(item._id).lean())?.status).toBe('archived')
    expect((await search('待归档')).body.total).toBe(0)
    expect((await api().get(`/api/v1/services/${id(item)}`)).body.status).toBe('archived')
    const list = await api().get('/api/v1/admin/services').set(xinfuAdmin.auth).query({ q: '待归档' })
    expect(list.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[id(item), 'archived']])
  })

  it('when an administrator lists items, then only those within their region come back', async () => {
    const list = await api().get('/api/v1/admin/services').set(xinfuAdmin.auth).query({ pageSize: 50 })
    expect(list.status).toBe(200)
    expect(list.body.items.length).toBeGreaterThan(0)
    const stored = await Service.find({ _id: { $in: list.body.items.map((i: { id: string }) => i.id) } }).lean()
    expect(stored.every((s) => s.regionCode.startsWith('140902'))).toBe(true)
    expect((await api().get('/api/v1/admin/services').set(xinfuAdmin.auth).query({ pageSize: 500 })).status).toBe(400)
  })

  it('when the caller is out of region, not an admin, or the item is unknown, then 403 / 401 / 404', async () => {
    const item = await makeService({ departmentId: id(dept) })
    expect((await api().post(`/api/v1/admin/services/${id(item)}/archive`).set(xinfuAdmin.auth)).status).toBe(403)
    expect((await api().post(`/api/v1/admin/services/${id(item)}/archive`)).status).toBe(401)
    expect((await api().post(`/api/v1/admin/services/${new mongoose.Types.ObjectId()}/archive`).set(cityAdmin.auth)).status).toBe(404)
    expect((await Service.findById(item._id).lean())?.status).toBe('active')
  })
})

describe('/admin/bundles', () => {
  it('when an administrator creates, patches and archives a bundle, then each step is stored and the public list follows', async () => {
    const a = await makeService({ departmentId: id(dept) })
    const b = await makeService({ departmentId: id(dept) })
    const c = await makeService({ departmentId: id(dept) })
    const body = {
      name: '开餐馆一件事',
      description: '营业执照与食品经营许可一次办',
      serviceIds: [id(a), id(b)],
      themes: ['企业开办'],
      steps: [{ name: '一次申请', role: '申请人' }],
    }
    const created = await api().post('/api/v1/admin/bundles').set(cityAdmin.auth).send(body)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: '开餐馆一件事', regionCode: '140900', serviceCount: 2, promisedLimitDays: 6 })
    expect(created.body.mergedMaterials).toEqual([expect.objectContaining({ name: '居民身份证', serviceIds: [id(a), id(b)] })])

    const patched = await api()
      .patch(`/api/v1/admin/bundles/${created.body.id}`)
      .set(cityAdmin.auth)
      .send({ serviceIds: [id(a), id(b), id(c)], promisedLimitDays: 3 })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ serviceCount: 3, promisedLimitDays: 3, separateLimitDays: 9 })
    expect((await Bundle.findById(created.body.id).lean())?.description).toBe('营业执照与食品经营许可一次办')

    const archived = await api().post(`/api/v1/admin/bundles/${created.body.id}/archive`).set(cityAdmin.auth)
    expect(archived.body.status).toBe('archived')
    expect((await api().get('/api/v1/bundles')).body.map((x: { id: string }) => x.id)).not.toContain(created.body.id)
  })

  it('when items are unknown or repeated, or the name is taken, then 400 naming the field / 409', async () => {
    const a = await makeService({ departmentId: id(dept) })
    const ghost = new mongoose.Types.ObjectId().toString()
    const base = { name: '测试一件事甲', description: '', themes: ['企业开办'], steps: [{ name: '申请', role: '申请人' }] }
    const unknown = await api().post('/api/v1/admin/bundles').set(cityAdmin.auth).send({ ...base, serviceIds: [id(a), ghost] })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.details.issues[0].path).toBe('serviceIds.1')
    const repeated = await api().post('/api/v1/admin/bundles').set(cityAdmin.auth).send({ ...base, serviceIds: [id(a), id(a)] })
    expect(repeated.body.error.details.issues[0].path).toBe('serviceIds.1')
    const one = await api().post('/api/v1/admin/bundles').set(cityAdmin.auth).send({ ...base, serviceIds: [id(a)] })
    expect(one.body.error.details.issues[0].path).toBe('serviceIds')
    const b = await makeService({ departmentId: id(dept) })
    expect((await api().post('/api/v1/admin/bundles').set(cityAdmin.auth).send({ ...base, serviceIds: [id(a), id(b)] })).status).toBe(201)
    const dup = await api().post('/api/v1/admin/bundles').set(cityAdmin.auth).send({ ...base, serviceIds: [id(a), id(b)] })
    expect(dup.status).toBe(409)
    const other = await api().post('/api/v1/admin/bundles').set(cityAdmin.auth).send({ ...base, name: '测试一件事乙', serviceIds: [id(a), id(b)] })
    const rename = await api().patch(`/api/v1/admin/bundles/${other.body.id}`).set(cityAdmin.auth).send({ name: '测试一件事甲' })
    expect(rename.status).toBe(409)
    expect(await Bundle.countDocuments({ name: '测试一件事甲' })).toBe(1)
  })

  it('when a county administrator touches a city bundle, then 403; unknown bundle 404; anonymous 401', async () => {
    const a = await makeService({ departmentId: id(dept) })
    const b = await makeService({ departmentId: id(dept) })
    const bundle = await Bundle.create({ name: '市级一件事', serviceIds: [a._id, b._id], themes: ['社保'], steps: [], regionCode: '140900' })
    expect((await api().patch(`/api/v1/admin/bundles/${id(bundle)}`).set(xinfuAdmin.auth).send({ description: 'x' })).status).toBe(403)
    expect((await api().post(`/api/v1/admin/bundles/${id(bundle)}/archive`).set(xinfuAdmin.auth)).status).toBe(403)
    const county = await api()
      .post('/api/v1/admin/bundles')
      .set(xinfuAdmin.auth)
      .send({ name: '县级一件事', description: '', serviceIds: [id(a), id(b)], themes: ['社保'], steps: [{ name: '申请', role: '申请人' }], regionCode: '140900' })
    expect(county.status).toBe(403)
    expect((await api().patch(`/api/v1/admin/bundles/${new mongoose.Types.ObjectId()}`).set(cityAdmin.auth).send({ description: 'x' })).status).toBe(404)
    expect((await api().post('/api/v1/admin/bundles').send({})).status).toBe(401)
  })
})

describe('/admin/departments', () => {
  it('when a department is created with a valid 统一社会信用代码, then it is stored (upper-cased) and listed', async () => {
    const res = await api()
      .post('/api/v1/admin/departments')
      .set(xinfuAdmin.auth)
      .send({ name: '忻府区行政审批服务管理局', shortName: '区审批局', regionCode: '140902', phone: '0350-3336000', creditCode: '91440300708461136t' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ name: '忻府区行政审批服务管理局', creditCode: '91440300708461136T', demo: false })
    expect((await Department.findById(res.body.id).lean())?.creditCode).toBe('91440300708461136T')
    expect((await api().get('/api/v1/departments')).body.map((d: { id: string }) => d.id)).toContain(res.body.id)
  })

  it.each([
    [{ creditCode: '91440300708461136X' }, 'creditCode'],
    [{ phone: 'abc' }, 'phone'],
    [{ regionCode: '1' }, 'regionCode'],
    [{ name: '局' }, 'name'],
  ])('when the body has %j, then 400 naming %s', async (patch, field) => {
    const res = await api()
      .post('/api/v1/admin/departments')
      .set(cityAdmin.auth)
      .send({ name: '忻州市某某局', regionCode: '140900', ...patch })
    expect(res.status).toBe(400)
    expect(res.body.error.details.issues[0].path).toBe(field)
  })

  it('when the name is taken in the region, then 409; out of region 403', async () => {
    await makeDepartment({ name: '忻州市重复局', regionCode: '140900' })
    expect((await api().post('/api/v1/admin/departments').set(cityAdmin.auth).send({ name: '忻州市重复局', regionCode: '140900' })).status).toBe(409)
    expect((await api().post('/api/v1/admin/departments').set(xinfuAdmin.auth).send({ name: '原平市某局', regionCode: '140981' })).status).toBe(403)
  })

  it('when a department is renamed, then its items are found by the new name', async () => {
    const d = await makeDepartment({ name: '忻州市旧名称局' })
    const item = await makeService({ departmentId: id(d), name: '某项许可' })
    const res = await api().patch(`/api/v1/admin/departments/${id(d)}`).set(cityAdmin.auth).send({ name: '忻州市数据和政务服务局', shortName: '市数政局' })
    expect(res.status).toBe(200)
    expect((await search('数政局')).body.items.map((i: { id: string }) => i.id)).toEqual([id(item)])
    expect((await search('旧名称局')).body.total).toBe(0)
  })

  it('when a patch is out of region, unknown, invalid or takes a used name, then 403 / 404 / 400 / 409', async () => {
    const d = await makeDepartment({ name: '忻州市某委员会' })
    await makeDepartment({ name: '忻州市另一委员会' })
    expect((await api().patch(`/api/v1/admin/departments/${id(d)}`).set(xinfuAdmin.auth).send({ phone: '12345' })).status).toBe(403)
    expect((await api().patch(`/api/v1/admin/departments/${new mongoose.Types.ObjectId()}`).set(cityAdmin.auth).send({ phone: '12345' })).status).toBe(404)
    const bad = await api().patch(`/api/v1/admin/departments/${id(d)}`).set(cityAdmin.auth).send({ creditCode: '123' })
    expect(bad.body.error.details.issues[0].path).toBe('creditCode')
    expect((await api().patch(`/api/v1/admin/departments/${id(d)}`).set(cityAdmin.auth).send({ name: '忻州市另一委员会' })).status).toBe(409)
    expect((await Department.findById(d._id).lean())?.name).toBe('忻州市某委员会')
  })
})
