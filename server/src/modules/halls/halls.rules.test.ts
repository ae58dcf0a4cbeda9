import { haversineKm, hoursOn, isOpenAt, openStateAt, sessionsOn, type OpeningHours } from './halls.rules'

const REGULAR = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
]

describe('haversineKm', () => {
  it('when two points are 0.01° of latitude apart, then they are 1.112 km apart', () => {
    // 2π × 6371.0088 km / 360 × 0.01 = 1.11195 km
    expect(haversineKm({ lat: 38.4167, lng: 112.7333 }, { lat: 38.4267, lng: 112.7333 })).toBeCloseTo(1.11195, 4)
  })

  it('when Xinzhou and Taiyuan are compared, then the distance is about 63 km and symmetric', () => {
    const xinzhou = { lat: 38.4167, lng: 112.7333 }
    const taiyuan = { lat: 37.8706, lng: 112.5489 }
    expect(haversineKm(xinzhou, taiyuan)).toBeCloseTo(62.8, 1)
    expect(haversineKm(taiyuan, xinzhou)).toBe(haversineKm(xinzhou, taiyuan))
    expect(haversineKm(xinzhou, xinzhou)).toBe(0)
  })
})

describe('isOpenAt', () => {
  const township: OpeningHours = { type: 'township', regularHours: REGULAR }
  const bank: OpeningHours = { type: 'bank', regularHours: [{ start: '09:00', end: '17:00' }], weekendHours: [{ start: '09:00', end: '16:00' }] }
  const selfService: OpeningHours = { type: 'selfservice', open24h: true }

  it('when a township centre is asked on a public holiday, then it is closed', () => {
    expect(isOpenAt(township, 'holiday', '10:00')).toBe(false)
  })

  it('when a township centre is asked on a workday or a 调休 workday, then regular hours apply', () => {
    expect(isOpenAt(township, 'workday', '10:00')).toBe(true)
    expect(isOpenAt(township, 'makeup_workday', '10:00')).toBe(true)
    expect(isOpenAt(township, 'workday', '12:30')).toBe(false)
    expect(isOpenAt(township, 'workday', '09:00')).toBe(true)
    expect(isOpenAt(township, 'workday', '17:30')).toBe(false)
    expect(isOpenAt(township, 'weekend', '10:00')).toBe(false)
  })

  it('when a self-service point is asked at any time, then it is open', () => {
    for (const type of ['workday', 'weekend', 'holiday', 'makeup_workday'] as const) {
      expect(isOpenAt(selfService, type, '03:00')).toBe(true)
    }
    expect(isOpenAt({ type: 'selfservice' }, 'holiday', '23:59')).toBe(true)
  })

  it('when a bank branch is asked on a weekend, then its weekend hours apply', () => {
    expect(isOpenAt(bank, 'weekend', '15:00')).toBe(true)
    expect(isOpenAt(bank, 'weekend', '16:30')).toBe(false)
    expect(hoursOn(bank, 'holiday')).toEqual([])
  })
})

describe('openStateAt with off-hours sessions', () => {
  
  const centre: OpeningHours = { type: 'center', regularHours: REGULAR }
  const rules = [
    { label: '双休日值班', dayTypes: ['weekend'] as const, start: '09:00', end: '12:00', status: 'active' },
    { label: '午间不断档', dayTypes: ['workday'] as const, start: '12:00', end: '13:30', status: 'active' },
    { label: '延时服务', dayTypes: ['workday'] as const, start: '17:30', end: '19:00', status: 'active', effectiveTo: '2026-11-30' },
    { label: '节假日预约', dayTypes: ['holiday'] as const, start: '09:00', end: '11:00', status: 'archived' },
  ]

  it('when it is Sunday 09:24 and the centre holds a 双休日值班 session, then it is open by the off-hours session', () => {
    const today = sessionsOn(rules, '2026-12-06', 'weekend')
    expect(today).toEqual([{ label: '双休日值班', start: '09:00', end: '12:00' }])
    expect(openStateAt(centre, 'weekend', '09:24', today)).toEqual({
      open: true,
      by: 'offHours',
      session: { label: '双休日值班', start: '09:00', end: '12:00' },
    })
    expect(openStateAt(centre, 'weekend', '12:00', today)).toEqual({ open: false })
  })

  it('when the Sunday session was cancelled, then the centre is closed on Sunday morning', () => {
    expect(openStateAt(centre, 'weekend', '09:24', sessionsOn(rules, '2026-12-06', 'weekend', true))).toEqual({ open: false })
  })

  it('when a workday lunchtime is covered by 午间不断档, then the centre stays open between the regular ranges', () => {
    const today = sessionsOn(rules, '2026-12-01', 'workday')
    expect(today.map((s) => s.label)).toEqual(['午间不断档'])
    expect(openStateAt(centre, 'workday', '12:45', today).by).toBe('offHours')
    expect(openStateAt(centre, 'workday', '10:00', today).by).toBe('regular')
    expect(openStateAt(centre, 'workday', '18:00', today).open).toBe(false)
  })

  it('when a rule is archived or no longer effective, then it does not open the point', () => {
    expect(sessionsOn(rules, '2026-10-01', 'holiday')).toEqual([])
    expect(sessionsOn(rules, '2026-11-30', 'workday').map((s) => s.label)).toEqual(['午间不断档', '延时服务'])
    expect(openStateAt(centre, 'holiday', '10:00', sessionsOn(rules, '2026-10-01', 'holiday'))).toEqual({ open: false })
  })

  it('when a 调休 Saturday is a working day, then weekend sessions do not run and workday ones do', () => {
    expect(sessionsOn(rules, '2026-09-27', 'makeup_workday').map((s) => s.label)).toEqual(['午间不断档', '延时服务'])
  })

  it('when the point is a self-service area, then it is open at any time', () => {
    expect(openStateAt({ type: 'selfservice' }, 'holiday', '03:00', [])).toEqual({ open: true, by: 'always' })
  })
})
