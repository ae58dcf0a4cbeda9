import { makeCalendar } from '../calendar'
import {
  appealChanges,
  canAppeal,
  decisionChanges,
  endOfLocalDay,
  isOverdue,
  replyChanges,
  revisitChanges,
  verifyChanges,
  verifyDeadlineOf,
  workingDeadline,
} from './work-orders.rules'

const official = makeCalendar([]).dayType
const at = (iso: string) => new Date(iso)

describe('work-order deadlines (working days on the official calendar, end of the local day)', () => {
  it('when a date is given, then its deadline is 23:59:59 Asia/Shanghai of that day', () => {
    expect(endOfLocalDay('2026-10-08').toISOString()).toBe('2026-10-08T15:59:59.000Z')
  })

  it('when a 差评 is given on 2026-09-30, then it must be verified by the end of 2026-10-08 (Golden Week 10-01..07)', () => {
    expect(verifyDeadlineOf(at('2026-09-30T10:00:00+08:00'), official).toISOString()).toBe('2026-10-08T15:59:59.000Z')
    // late in the evening of 09-30 is still 09-30 locally (15:30 UTC the same day)
    expect(verifyDeadlineOf(at('2026-09-30T23:30:00+08:00'), official).toISOString()).toBe('2026-10-08T15:59:59.000Z')
  })

  it('when it is verified on 2026-10-08, then 5 working days count 10-09, 10-10 (调休上班), 10-12, 10-13, 10-14', () => {
    expect(workingDeadline(at('2026-10-08T09:00:00+08:00'), 5, official).toISOString()).toBe('2026-10-14T15:59:59.000Z')
  })

  it('when a 差评 comes on a Friday, then the weekend does not count', () => {
    expect(verifyDeadlineOf(at('2026-06-05T18:00:00+08:00'), official).toISOString()).toBe('2026-06-08T15:59:59.000Z')
  })

  it('when an administrator declares a closure day, then deadlines move past it', () => {
    const closed = makeCalendar([{ _id: '2026-06-08', type: 'holiday', name: '停电闭厅' }]).dayType
    expect(verifyDeadlineOf(at('2026-06-05T18:00:00+08:00'), closed).toISOString()).toBe('2026-06-09T15:59:59.000Z')
  })

  it('when the clock passes the deadline by a second, then the order is overdue; without a deadline never', () => {
    const due = endOfLocalDay('2026-10-08')
    expect(isOverdue(due, due)).toBe(false)
    expect(isOverdue(due, new Date(due.getTime() + 1000))).toBe(true)
    expect(isOverdue(null, new Date())).toBe(false)
  })
})

describe('work-order steps', () => {
  const now = at('2026-10-08T09:00:00+08:00')
  const deadline = endOfLocalDay('2026-10-14')

  it('when a 差评 is found valid, then the order is rectifying and due by the reply deadline', () => {
    expect(verifyChanges({ valid: true }, 'staff1', now, deadline)).toEqual({
      status: 'rectifying',
      verification: { valid: true, by: 'staff1', at: now },
      replyDeadline: deadline,
      dueAt: deadline,
      dueRank: 0,
    })
  })

  it('when it is rejected, then nothing is due and the rater may appeal once', () => {
    const c = verifyChanges({ valid: false, category: '恶意', reason: '与事实不符的辱骂' }, 'staff1', now, deadline)
    expect(c).toMatchObject({ status: 'rejected', dueAt: null, dueRank: 1, verification: { valid: false, category: '恶意' } })
    expect(canAppeal({ status: 'rejected' })).toBe(true)
    expect(canAppeal({ status: 'rejected', appeal: appealChanges('我确实等了两小时', now).appeal })).toBe(false)
    expect(canAppeal({ status: 'rectifying' })).toBe(false)
  })

  it('when an appeal is upheld, then the rejection stands and the order ends; overturned, it is rectified', () => {
    expect(decisionChanges({ uphold: true, reason: '证据充分维持' }, 'admin1', now, deadline)).toMatchObject({ status: 'rejected', closedAt: now, dueAt: null })
    expect(decisionChanges({ uphold: false, reason: '监控显示属实' }, 'admin1', now, deadline)).toMatchObject({
      status: 'rectifying',
      replyDeadline: deadline,
      dueAt: deadline,
      dueRank: 0,
    })
  })

  it('when the point replies and the rater follows up, then the order closes', () => {
    expect(replyChanges('已调整窗口排班', 'staff1', now)).toMatchObject({ status: 'replied', dueAt: null })
    expect(revisitChanges('基本满意', now)).toMatchObject({ status: 'closed', closedAt: now, revisit: { satisfaction: '基本满意' } })
  })
})
