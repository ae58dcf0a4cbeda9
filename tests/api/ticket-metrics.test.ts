import { setNow } from '../../server/src/lib/clock'
import { api } from '../helpers/app'
import type { Session } from '../helpers/auth'
import { recording, useTestDb } from '../helpers/db'
import { downloadWorkbook } from '../helpers/xlsx'
import { submitTicket, ticketWorld, type TicketWorld } from '../helpers/ticket-fixtures'

useTestDb({ monitorCommands: true })

let w: TicketWorld
let A: TicketWorld['actors']
const ids: Record<string, string> = {}

const at = (local: string) => new Date(`${local}+08:00`)
const post = async (s: Session, path: string, body: Record<string, unknown> = {}) => {
  const res = await api().post(`/api/v1${path}`).set(s.auth).send(body)
  if (res.status !== 200 && res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}
const when = (local: string) => setNow(at(local))

/**
 * The fixture (December 2026, no holidays; all tickets in 忻府区):
 * - T1 (dept A): 签收 on time, replied on time, 满意.
 * - T2 (dept A, 紧急): 签收 after 4 h (late), replied 12-15 (due 12-08: late), 基本满意.
 * - T3 (dept A): on time, 不满意 → 重办, replied again on time, 不满意 → closed.
 * - T4: dispatched to A, returned by A, re-dispatched to B, 签收 on time, replied, not yet rated.
 * - T5 (dept B): 签收 on time, still being handled.  T6: a repeat of T5, merged into it.
 * - T7: a 咨询 answered at once by the dispatcher (no department).
 */
beforeAll(async () => {
  w = await ticketWorld()
  A = w.actors
  const B = String(w.dept2._id)
  when('2026-12-01T09:00:00')
  for (const k of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6']) ids[k] = await submitTicket(A.requester, w.category._id)
  ids.T7 = await submitTicket(A.requester, w.category._id, { type: '咨询', description: '公积金提取需要哪些材料？' })
  await post(A.dispatcherHere, `/dispatch/tickets/${ids.T1}/dispatch`)
  await post(A.dispatcherHere, `/dispatch/tickets/${ids.T2}/dispatch`, { urgent: true })
  await post(A.dispatcherHere, `/dispatch/tickets/${ids.T3}/dispatch`)
  await post(A.dispatcherHere, `/dispatch/tickets/${ids.T4}/dispatch`)
  await post(A.dispatcherHere, `/dispatch/tickets/${ids.T5}/dispatch`, { departmentId: B })
  await post(A.dispatcherHere, `/dispatch/tickets/${ids.T6}/merge`, { intoId: ids.T5 })
  await post(A.dispatcherHere, `/dispatch/tickets/${ids.T7}/answer`, { text: '携带身份证和公积金联名卡到公积金中心办理' })
  when('2026-12-01T10:00:00')
  for (const k of ['T1', 'T3']) await post(A.handlerHere, `/dept/tickets/${ids[k]}/accept`)
  await post(A.handler2, `/dept/tickets/${ids.T5}/accept`)
  when('2026-12-01T13:00:00')
  await post(A.handlerHere, `/dept/tickets/${ids.T2}/accept`)
  when('2026-12-02T10:00:00')
  await post(A.handlerHere, `/dept/tickets/${ids.T4}/return`, { reason: '医保业务请派市医保局' })
  await post(A.dispatcherHere, `/dispatch/tickets/${ids.T4}/dispatch`, { departmentId: B })
  await post(A.handler2, `/dept/tickets/${ids.T4}/accept`)
  for (const k of ['T1', 'T3']) await post(A.handlerHere, `/dept/tickets/${ids[k]}/reply`, { text: '已按规定办理完毕' })
  await post(A.requester, `/tickets/${ids.T1}/rate`, { satisfaction: '满意' })
  await post(A.requester, `/tickets/${ids.T3}/rate`, { satisfaction: '不满意' })
  when('2026-12-03T10:00:00')
  await post(A.handlerHere, `/dept/tickets/${ids.T3}/reply`, { text: '已重新核查并当面答复' })
  await post(A.requester, `/tickets/${ids.T3}/rate`, { satisfaction: '不满意' })
  await post(A.handler2, `/dept/tickets/${ids.T4}/reply`, { text: '已为您办理异地就医备案' })
  when('2026-12-15T10:00:00')
  await post(A.handlerHere, `/dept/tickets/${ids.T2}/reply`, { text: '已补办完成' })
  await post(A.requester, `/tickets/${ids.T2}/rate`, { satisfaction: '基本满意' })
  setNow(undefined)
})

/** Hand-computed from the fixture above (rates in per mille). */
const DEPT_A = {
  accepted: 3, dispatches: 4, responded: 3, respondedOnTime: 2, replied: 3, closed: 3, closedOnTime: 2, rated: 3, satisfied: 2, reworked: 1, returned: 1,
  onTimeResponseRate: 667, closeRate: 1000, onTimeCloseRate: 667, satisfactionRate: 667, revisitRate: 1000, reworkRate: 333, returnRate: 250,
}
const DEPT_B = {
  accepted: 2, dispatches: 2, responded: 2, respondedOnTime: 2, replied: 1, closed: 0, closedOnTime: 0, rated: 0, satisfied: 0, reworked: 0, returned: 0,
  onTimeResponseRate: 1000, closeRate: 0, onTimeCloseRate: null, satisfactionRate: null, revisitRate: 0, reworkRate: 0, returnRate: 0,
}
const ALL = {
  accepted: 6, dispatches: 6, responded: 6, respondedOnTime: 5, replied: 5, closed: 4, closedOnTime: 3, rated: 3, satisfied: 2, reworked: 1, returned: 1,
  onTimeResponseRate: 833, closeRate: 667, onTimeCloseRate: 750, satisfactionRate: 667, revisitRate: 600, reworkRate: 200, returnRate: 167,
}

const stats = (s: Session, query: Record<string, string>) => api().get('/api/v1/admin/ticket-stats').set(s.auth).query(query)

describe('metrics from counts', () => {
  it('per department: the hand-computed counts and rates; 退单 count for the department that returned', async () => {
    const res = await stats(A.adminHere, { groupBy: 'department', from: '2026-12-01', to: '2026-12-31' })
    expect(res.status).toBe(200)
    const byKey = Object.fromEntries(res.body.rows.map((r: { key: string }) => [r.key, r]))
    expect(byKey[String(w.dept._id)]).toMatchObject({ label: w.dept.name, ...DEPT_A })
    expect(byKey[String(w.dept2._id)]).toMatchObject({ label: w.dept2.name, ...DEPT_B })
    expect(res.body.rows).toHaveLength(2)
  })

  it('over a period across a new year, then the tickets are read month by month (an equality on month), never all of them', async () => {
    const { result, commands } = await recording(() => stats(A.adminHere, { groupBy: 'month', from: '2026-11-20', to: '2027-01-10' }))
    expect(result.status).toBe(200)
    expect(result.body.rows).toEqual([expect.objectContaining({ key: '2026-12', ...ALL })])
    const reads = commands.filter((c) => c.collection === 'tickets').map((c) => (c.command.filter as { month?: unknown }).month)
    expect(reads.sort()).toEqual(['2026-11', '2026-12', '2027-01'])
  })

  it('per category, region and month: every ticket of the period once (the merged repeat not accepted, the 即问即答 咨询 included)', async () => {
    for (const groupBy of ['category', 'region', 'month']) {
      const res = await stats(A.adminHere, { groupBy, from: '2026-12-01', to: '2026-12-31' })
      expect(res.body.rows).toEqual([expect.objectContaining(ALL)])
    }
    expect((await stats(A.adminHere, { groupBy: 'month', from: '2026-12-01', to: '2026-12-31' })).body.rows[0].key).toBe('2026-12')
  })

  it('other periods and other regions see none of it; a bad range is a 400', async () => {
    expect((await stats(A.adminHere, { groupBy: 'department', from: '2026-11-01', to: '2026-11-30' })).body.rows).toEqual([])
    expect((await stats(A.adminOther, { groupBy: 'department', from: '2026-12-01', to: '2026-12-31' })).body.rows).toEqual([])
    const bad = await stats(A.adminHere, { from: '2026-12-31', to: '2026-12-01' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('to')
  })
})

describe('月通报', () => {
  const EXPECTED_ROWS = [
    [1, '', 66.7, 3, 4, '66.7%', 3, '100.0%', '66.7%', '66.7%', '100.0%', '33.3%', '25.0%'],
    [2, '', 20, 2, 2, '100.0%', 0, '0.0%', '—', '—', '0.0%', '0.0%', '0.0%'],
  ]
  const expectedRows = () => [
    [...EXPECTED_ROWS[0].slice(0, 1), w.dept.name, ...EXPECTED_ROWS[0].slice(2)],
    [...EXPECTED_ROWS[1].slice(0, 1), w.dept2.name, ...EXPECTED_ROWS[1].slice(2)],
  ]
  const report = (format: string) => api().get('/api/v1/admin/ticket-stats/monthly-report').set(A.adminHere.auth).query({ month: '2026-12', format })

  it('ranks the departments by score (40 % 按时办结率 + 40 % 满意率 + 20 % 按时响应率)', async () => {
    const res = await report('json')
    expect(res.body.rows.map((r: { rank: number; label: string; score: number }) => [r.rank, r.label, r.score])).toEqual([
      [1, w.dept.name, 66.7],
      [2, w.dept2.name, 20],
    ])
  })

  it('the XLSX file opens and holds the same numbers', async () => {
    const wb = await downloadWorkbook(report('xlsx'))
    const ws = wb.worksheets[0]
    expect(String(ws.getRow(1).getCell(1).value)).toContain('月通报（2026-12）')
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['排名', '承办部门', '综合得分', '受理量', '派单次数', '按时响应率', '办结量', '办结率', '按时办结率', '满意率', '回访率', '重办率', '退单率'])
    expect([3, 4].map((n) => (ws.getRow(n).values as unknown[]).slice(1))).toEqual(expectedRows())
    expect(ws.rowCount).toBe(4)
  })

  it('the CSV holds the same numbers', async () => {
    const res = await report('csv')
    expect(res.headers['content-type']).toContain('text/csv')
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines.slice(1)).toEqual(expectedRows().map((r) => r.join(',')))
  })
})
