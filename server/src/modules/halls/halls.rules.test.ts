import { haversineKm, hoursOn, isOpenAt, type OpeningHours } from './halls.rules'

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
