import { CreateRatingSchema } from '@xz/shared'
import { ratingKey, ratingWindowClosesAt, raterDisplayName, whyNotRatable } from './ratings.rules'

const ID = '64b7f0c2a1b2c3d4e5f60718'
const served = new Date('2026-05-10T10:00:00+08:00')
const booking = { userId: 'u1', status: 'served', servedAt: served }

describe('who may rate a booking, and until when', () => {
  it('when its booker rates a served booking within 7 days, then it is ratable (the last second included)', () => {
    expect(whyNotRatable(booking, 'u1', new Date('2026-05-11T10:00:00+08:00'))).toBeNull()
    expect(whyNotRatable(booking, 'u1', ratingWindowClosesAt(served))).toBeNull()
  })

  it('when someone else, an unserved booking or the 8th day, then FORBIDDEN, NOT_RATABLE, RATING_WINDOW_CLOSED', () => {
    expect(whyNotRatable(booking, 'u2', served)).toBe('FORBIDDEN')
    expect(whyNotRatable({ ...booking, status: 'checked_in', servedAt: undefined }, 'u1', served)).toBe('NOT_RATABLE')
    expect(whyNotRatable({ ...booking, servedAt: null }, 'u1', served)).toBe('NOT_RATABLE')
    expect(whyNotRatable(booking, 'u1', new Date(ratingWindowClosesAt(served).getTime() + 1))).toBe('RATING_WINDOW_CLOSED')
  })

  it('when keys are built, then a booking has one key (shared with its default) and a guide one per person', () => {
    expect(ratingKey.booking('b1')).toBe('booking:b1')
    expect(ratingKey.guide('u1', 's1')).toBe('guide:u1:s1')
    expect(raterDisplayName(undefined, '  ', '王小明')).toBe('王小明')
    expect(raterDisplayName()).toBe('匿名用户')
  })
})

describe('CreateRatingSchema', () => {
  const issues = (body: unknown) => {
    const r = CreateRatingSchema.safeParse(body)
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'))
  }

  it('when a good rating has the window dimensions, then it passes', () => {
    expect(issues({ bookingId: ID, level: 5, dimensions: { 服务效率: 5, 服务水平: 4, 服务态度: 5 } })).toEqual([])
  })

  it('when a 差评 has no reason tag or a comment shorter than 5 characters, then both are named', () => {
    expect(issues({ bookingId: ID, level: 2 })).toEqual(['tags', 'comment'])
    expect(issues({ bookingId: ID, level: 1, tags: ['态度不好'], comment: '  很差  ' })).toEqual(['comment'])
    expect(issues({ bookingId: ID, level: 1, tags: ['态度不好'], comment: '窗口人员玩手机' })).toEqual([])
  })

  it('when tags or dimensions belong to the other kind, then they are refused', () => {
    expect(issues({ bookingId: ID, level: 2, tags: ['系统操作不便'], comment: '系统总是卡住' })).toEqual(['tags.0'])
    expect(issues({ serviceId: ID, level: 4, dimensions: { 服务态度: 4 } })).toEqual(['dimensions.服务态度'])
    expect(issues({ serviceId: ID, level: 2, tags: ['指南内容不准确', '指南内容不准确'], comment: '材料清单写错了' })).toEqual(['tags'])
  })

  it('when both or neither target is given, or a field is smuggled in, then it is refused', () => {
    expect(issues({ bookingId: ID, serviceId: ID, level: 5 })).toEqual(['bookingId'])
    expect(issues({ level: 5 })).toEqual(['bookingId'])
    for (const extra of ['isDefault', 'userId', 'createdAt', 'hallId', 'ratedAt']) {
      expect(issues({ bookingId: ID, level: 5, [extra]: extra === 'isDefault' ? true : ID }).length).toBeGreaterThan(0)
    }
    expect(issues({ bookingId: ID, level: 4.5 })).toEqual(['level'])
    expect(issues({ bookingId: ID, level: 5, dimensions: { 服务效率: 6 } })).toEqual(['dimensions.服务效率'])
  })
})
