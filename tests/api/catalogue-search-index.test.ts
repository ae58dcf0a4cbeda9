import mongoose from 'mongoose'
import { bumpServicesVersion, CatalogueVersion, Department, Service } from '../../server/src/modules/catalogue/catalogue.model'
import { serviceSearchFields } from '../../server/src/modules/catalogue/items.service'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { recording, useTestDb } from '../helpers/db'
import { makeDepartment, makeService } from '../helpers/factories'

useTestDb({ monitorCommands: true })

type Doc = { _id: mongoose.Types.ObjectId }
const id = (d: Doc) => d._id.toString()

interface Listed {
  id: string
  name: string
}

let admin: Session
let dept: Doc

beforeAll(async () => {
  admin = await account({ role: 'admin', regionCode: '140900' })
  dept = await makeDepartment({ name: '忻州市市场监督管理局', shortName: '市市场监管局' })
})

const search = async (q: string) => {
  const res = await api().get('/api/v1/services').query({ q })
  expect(res.status).toBe(200)
  return res.body as { items: Listed[]; total: number }
}
const version = async () => (await CatalogueVersion.findById('services').lean())?.version

describe('GET /services?q= — the in-process search index', () => {
  it('when another process writes an item and bumps the version, then the next search sees the change', async () => {
    const item = await makeService({ departmentId: id(dept), code: 'IDX-RAW-1', name: '营业执照注销登记', keywords: [] })
    expect((await search('营业执照注销')).items.map((i) => i.id)).toEqual([id(item)])

    // the other process: a raw driver write (no middleware), then the version bump every write path makes
    const department = (await Department.findById(dept._id).lean())!
    const fields = serviceSearchFields({ name: '居住证签注', code: 'IDX-RAW-1', themes: item.themes, implementer: '', keywords: [], faq: [] }, department)
    await Service.collection.updateOne({ _id: item._id }, { $set: { name: '居住证签注', ...fields } })
    expect((await search('居住证签注')).total).toBe(0) // not bumped yet: this process still answers from its index

    const before = await version()
    await bumpServicesVersion()
    expect(await version()).not.toBe(before)

    const found = await search('居住证签注')
    expect(found.items).toEqual([expect.objectContaining({ id: id(item), name: '居住证签注' })])
    expect(found.total).toBe(1)
    expect((await search('营业执照注销')).total).toBe(0)
    expect((await search('jzzqz')).items.map((i) => i.id)).toEqual([id(item)])
  })

  it('when an administrator renames an item, then the next search finds it by its new name only', async () => {
    const item = await makeService({ departmentId: id(dept), code: 'IDX-PATCH-1', name: '道路运输证换发', keywords: [] })
    expect((await search('道路运输证换发')).items.map((i) => i.id)).toEqual([id(item)])
    const before = await version()

    const res = await api().patch(`/api/v1/admin/services/${id(item)}`).set(admin.auth).send({ name: '医师执业证书变更' })
    expect(res.status).toBe(200)
    expect(await Service.findById(item._id, 'name').lean()).toMatchObject({ name: '医师执业证书变更' })
    expect(await version()).not.toBe(before)

    expect((await search('医师执业证书变更')).items).toEqual([expect.objectContaining({ id: id(item), name: '医师执业证书变更' })])
    expect((await search('道路运输证换发')).total).toBe(0)
  })

  it('when items are created, updated or deleted through the model, then each write bumps the version', async () => {
    const versions = [await version()]
    const item = await Service.create({
      code: 'IDX-MW-1',
      name: '失业保险金申领',
      itemType: '公共服务',
      departmentId: dept._id,
      regionCode: '140900',
      fee: { free: true },
    })
    versions.push(await version())
    await Service.updateOne({ _id: item._id }, { $set: { offHours: true } })
    versions.push(await version())
    await Service.findByIdAndUpdate(item._id, { $set: { visits: 1 } })
    versions.push(await version())
    await Service.deleteMany({ code: 'IDX-MW-1' })
    versions.push(await version())

    expect(new Set(versions).size).toBe(versions.length)
    expect(await Service.countDocuments({ code: 'IDX-MW-1' })).toBe(0)
  })
})

describe('GET /services without q, and GET /themes — browsing from the same index', () => {
  it('when browsing by theme and audience, then the page is the database’s name order and items are read only by _id', async () => {
    for (const [i, name] of ['户口迁移', '出生登记', '居住证办理', '身份证换领'].entries()) {
      await makeService({ name: `${name}-浏览`, departmentId: id(dept), themes: ['户籍'], audiences: i === 2 ? ['法人'] : ['个人'] })
    }
    await api().get('/api/v1/services').query({ q: '户' }) // the index is loaded
    const query = { theme: '户籍', audience: '个人', pageSize: 2 }
    const expected = (await Service.find({ status: 'active', themes: '户籍', audiences: '个人' }).sort({ name: 1, _id: 1 }).lean()).map((s) => s.name)
    expect(expected).toHaveLength(3)
    const { result, commands } = await recording(async () => [
      await api().get('/api/v1/services').query({ ...query, page: 1 }),
      await api().get('/api/v1/services').query({ ...query, page: 2 }),
    ])
    expect(result.map((r) => r.body.total)).toEqual([3, 3])
    expect(result.flatMap((r) => r.body.items.map((i: Listed) => i.name))).toEqual(expected)
    const reads = commands.filter((c) => c.collection === 'services')
    for (const c of reads) expect(Object.keys(c.command.filter as object)).toEqual(['_id'])

    const themes = await recording(() => api().get('/api/v1/themes'))
    expect(themes.result.body).toContainEqual({ name: '户籍', count: await Service.countDocuments({ status: 'active', themes: '户籍' }) })
    expect(themes.commands.filter((c) => c.collection === 'services')).toEqual([])
  })
})

describe('GET /bundles and /bundles/:id', () => {
  it('when a bundle is listed or opened, then its items are read by _id, in the bundle’s order', async () => {
    const [a, b] = [await makeService({ departmentId: id(dept), name: '乙项-一件事' }), await makeService({ departmentId: id(dept), name: '甲项-一件事' })]
    const body = { name: '浏览一件事', description: '', serviceIds: [id(a), id(b)], themes: ['企业开办'], steps: [{ name: '申请', role: '申请人' }] }
    const created = await api().post('/api/v1/admin/bundles').set(admin.auth).send(body)
    expect(created.status).toBe(201)
    const { result, commands } = await recording(async () => [await api().get('/api/v1/bundles'), await api().get(`/api/v1/bundles/${created.body.id}`)])
    expect(result[0].body.find((x: { id: string }) => x.id === created.body.id)).toMatchObject({ serviceCount: 2 })
    expect(result[1].body.services.map((x: Listed) => x.name)).toEqual(['乙项-一件事', '甲项-一件事'])
    const reads = commands.filter((c) => c.collection === 'services')
    expect(reads.length).toBeGreaterThan(0)
    for (const c of reads) expect(Object.keys(c.command.filter as object)).toEqual(['_id'])
  })
})
