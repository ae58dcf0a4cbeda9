import { setNow } from '../../server/src/lib/clock'
import { Knowledge } from '../../server/src/modules/knowledge/knowledge.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { CITY, submitTicket, useTicketWorld, XINFU, YUANPING } from '../helpers/ticket-fixtures'

useTestDb()

const w = useTicketWorld()
const A = w.actors

const at = (local: string) => new Date(`${local}+08:00`)
const post = (s: Session, path: string, body: Record<string, unknown> = {}) => api().post(`/api/v1${path}`).set(s.auth).send(body)
const entry = (over: Record<string, unknown> = {}) => ({
  title: '社保卡丢失了怎么补办？',
  categoryPath: ['社会保障', '社保卡'],
  content: '携带本人有效身份证件到任一社保卡服务网点办理挂失和补换，也可在“民生山西”App 线上申请，补卡工本费按规定收取。',
  keywords: ['社保卡补办', '挂失'],
  departmentId: String(w.dept._id),
  type: '热点问答',
  ...over,
})

describe('knowledge base', () => {
  it('CRUD: the owning department and the region’s administrators may write; other departments and regions may not; titles are unique', async () => {
    setNow(at('2026-10-15T10:00:00'))
    const created = await post(A.handlerHere, '/knowledge', entry())
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ title: '社保卡丢失了怎么补办？', reviewDue: false, status: 'active' })
    expect((await post(A.handlerHere, '/knowledge', entry())).status).toBe(409)
    expect((await post(A.handlerOther, '/knowledge', entry({ title: '其他部门的条目' }))).status).toBe(403)
    expect((await post(A.adminOther, '/knowledge', entry({ title: '其他区域的条目' }))).status).toBe(403)
    expect((await post(A.adminHere, '/knowledge', entry({ title: '营业执照办理需要哪些材料？', keywords: ['营业执照'], type: '办事指南' }))).status).toBe(201)
    const bad = await post(A.adminHere, '/knowledge', entry({ title: 'x'.repeat(129) }))
    expect(bad.status).toBe(400)
    const patched = await api().patch(`/api/v1/knowledge/${created.body.id}`).set(A.handlerHere.auth).send({ keywords: ['社保卡补办', '社保卡挂失', '补卡'] })
    expect(patched.body.keywords).toContain('补卡')
  })

  it('search: Chinese text, full pinyin and initials find the entry; the title ranks first', async () => {
    for (const q of ['社保卡', 'shebaoka', 'sbk', '补卡']) {
      const res = await api().get('/api/v1/knowledge').query({ q })
      expect(res.status).toBe(200)
      expect(res.body.items[0]?.title).toBe('社保卡丢失了怎么补办？')
    }
    expect((await api().get('/api/v1/knowledge').query({ q: 'yyzz' })).body.items[0].title).toBe('营业执照办理需要哪些材料？')
    expect((await api().get('/api/v1/knowledge').query({ q: '不存在的问题' })).body.total).toBe(0)
    // a question typed as a sentence finds the entry by the character pairs they share
    expect((await api().get('/api/v1/knowledge').query({ q: '社保卡丢了怎么补办' })).body.items[0]?.title).toBe('社保卡丢失了怎么补办？')
    expect((await api().get('/api/v1/knowledge').query({ q: '怎么办理结婚' })).body.total).toBe(0)
  })

  it('monthly review: due a month after the last review, listed for the owner only; "still valid" clears it, retire hides it from search', async () => {
    setNow(at('2026-11-16T09:00:00'))
    const due = await api().get('/api/v1/knowledge/review-due').set(A.handlerHere.auth)
    expect(due.body.items.map((e: { title: string }) => e.title).sort()).toEqual(['社保卡丢失了怎么补办？', '营业执照办理需要哪些材料？'].sort())
    expect((await api().get('/api/v1/knowledge/review-due').set(A.handlerOther.auth)).body.total).toBe(0)
    expect((await api().get('/api/v1/knowledge/review-due').set(A.adminHere.auth)).body.total).toBe(2)
    const id = due.body.items.find((e: { title: string }) => e.title === '社保卡丢失了怎么补办？').id
    expect((await post(A.handlerOther, `/knowledge/${id}/review`, { action: 'valid' })).status).toBe(403)
    expect((await post(A.handlerHere, `/knowledge/${id}/review`, { action: 'valid' })).body.reviewDue).toBe(false)
    expect((await api().get('/api/v1/knowledge/review-due').set(A.handlerHere.auth)).body.total).toBe(1)

    const report = await api().get('/api/v1/knowledge/review-report').set(A.adminHere.auth).query({ month: '2026-11' })
    expect(report.body.rows).toEqual([{ departmentId: String(w.dept._id), departmentName: w.dept.name, total: 2, reviewed: 1, due: 1, expired: 0 }])

    const other = (await api().get('/api/v1/knowledge').query({ q: '营业执照' })).body.items[0]
    expect((await post(A.adminHere, `/knowledge/${other.id}/review`, { action: 'retire' })).body.status).toBe('retired')
    expect((await api().get('/api/v1/knowledge').query({ q: '营业执照' })).body.total).toBe(0)
    expect((await api().get(`/api/v1/knowledge/${other.id}`)).status).toBe(404)
  })

  it('知识库解决率: a requester who stops at an entry counts once; one who submits anyway counts on the other side; each in the region the question concerns', async () => {
    setNow(at('2026-12-02T09:00:00'))
    const e = (await api().get('/api/v1/knowledge').query({ q: '社保卡' })).body.items[0]
    // 忻府区: two people stop at the entry (the second tap of the same person on the same day is not counted again)
    expect((await post(A.requester, `/knowledge/${e.id}/resolved`, { regionCode: XINFU })).status).toBe(200)
    expect((await post(A.requester, `/knowledge/${e.id}/resolved`, { regionCode: XINFU })).status).toBe(200)
    expect((await post(A.otherCitizen, `/knowledge/${e.id}/resolved`, { regionCode: XINFU })).status).toBe(200)
    // 原平市: a third person stops at the entry (staff accounts cannot; a region outside the city is refused)
    expect((await post(A.staff, `/knowledge/${e.id}/resolved`, { regionCode: YUANPING })).status).toBe(403)
    const third = await citizen()
    expect((await post(third, `/knowledge/${e.id}/resolved`, { regionCode: YUANPING })).status).toBe(200)
    expect((await post(third, `/knowledge/${e.id}/resolved`, { regionCode: '110101' })).status).toBe(400)
    // one 咨询 submitted anyway in 忻府区, two in 原平市
    await submitTicket(A.requester, w.category._id, { type: '咨询', description: '社保卡补办后旧卡里的钱怎么办？', shownKnowledgeIds: [e.id] })
    await submitTicket(A.otherCitizen, w.category._id, { type: '咨询', description: '原平的社保卡在哪里补办？', shownKnowledgeIds: [e.id], regionCode: YUANPING })
    await submitTicket(third, w.category._id, { type: '咨询', description: '原平的社保卡补办要多久？', shownKnowledgeIds: [e.id], regionCode: YUANPING })
    // 忻府区: resolved 2, submitted 1 → 2 / 3 = 667‰ (原平市's resolution is not counted here)
    const here = await api().get('/api/v1/knowledge/review-report').set(A.adminHere.auth).query({ month: '2026-12' })
    expect(here.body).toMatchObject({ resolved: 2, submittedAfterSuggestions: 1, resolutionRate: 667 })
    // 原平市: resolved 1, submitted 2 → 1 / 3 = 333‰
    const there = await api().get('/api/v1/knowledge/review-report').set(A.adminOther.auth).query({ month: '2026-12' })
    expect(there.body).toMatchObject({ resolved: 1, submittedAfterSuggestions: 2, resolutionRate: 333 })
    // the city: everything, 3 / 6
    const city = await api().get('/api/v1/knowledge/review-report').set((await account({ role: 'admin', regionCode: CITY })).auth).query({ month: '2026-12' })
    expect(city.body).toMatchObject({ resolved: 3, submittedAfterSuggestions: 3, resolutionRate: 500 })
  })

  it('turn a reply into a knowledge entry: the answering department, for a replied 咨询, in one step', async () => {
    const id = await submitTicket(A.requester, w.category._id, { type: '咨询', description: '公积金提取需要带哪些材料？' })
    await post(A.dispatcherHere, `/dispatch/tickets/${id}/dispatch`)
    await post(A.handlerHere, `/dept/tickets/${id}/accept`)
    const body = { title: '公积金提取需要带哪些材料？', categoryPath: ['住房公积金', '提取'], keywords: ['公积金提取'] }
    expect((await post(A.handlerHere, `/dept/tickets/${id}/to-knowledge`, body)).status).toBe(422)
    await post(A.handlerHere, `/dept/tickets/${id}/reply`, { text: '携带身份证、公积金联名卡和购房合同到公积金中心办理' })
    expect((await post(A.handler2, `/dept/tickets/${id}/to-knowledge`, body)).status).toBe(403)
    const res = await post(A.handlerHere, `/dept/tickets/${id}/to-knowledge`, body)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ sourceTicketId: id, type: '日常咨询', departmentId: String(w.dept._id) })
    expect(res.body.content).toContain('答：携带身份证、公积金联名卡和购房合同')
    expect(await Knowledge.countDocuments({ sourceTicketId: id })).toBe(1)
  })
})
