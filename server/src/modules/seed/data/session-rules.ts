import { SC, type ServiceKey } from './codes'
import type { SeedSessionRule } from './types'

const codes = (...keys: ServiceKey[]): string[] => keys.map((k) => SC[k])

/** Items offered at the city centre on weekends: the high-frequency enterprise and citizen items. */
const CITY_WEEKEND = codes(
  'gssl', 'gtsl', 'qybg', 'qyzx', 'yyzzbl', 'yzba', 'fpsl', 'spjy',
  'esfzy', 'bdcdy', 'sbk', 'txdy', 'gjjgf', 'gjjdk', 'fpdk', 'sfz', 'jzz', 'jszhz',
)
const CITY_LUNCH = codes('gssl', 'gtsl', 'qybg', 'yyzzbl', 'esfzy', 'sbk', 'gjjgf', 'sfz', 'jzz')
const CITY_HOLIDAY = codes('gssl', 'gtsl', 'qybg', 'esfzy', 'sbk', 'sfz', 'jszhz', 'fpdk')
const COUNTY_WEEKEND = codes('gtsl', 'gssl', 'esfzy', 'sbk', 'ybcb', 'ylcb', 'sfz', 'jzz')

/** Off-hours session rules (错时、延时、预约服务), 示例数据. Workday rules never overlap the point's regular hours. */
export const sessionRules: SeedSessionRule[] = [
  // 忻州市政务服务中心 (regular hours 09:00-12:00, 13:30-17:30)
  { hallKey: 'city-center', label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '12:00', slotMinutes: 30, capacity: 4, serviceCodes: CITY_WEEKEND },
  { hallKey: 'city-center', label: '双休日值班', dayTypes: ['weekend'], start: '14:00', end: '17:00', slotMinutes: 30, capacity: 4, serviceCodes: CITY_WEEKEND },
  { hallKey: 'city-center', label: '午间不断档', dayTypes: ['workday'], start: '12:00', end: '13:30', slotMinutes: 30, capacity: 2, serviceCodes: CITY_LUNCH },
  { hallKey: 'city-center', label: '延时服务', dayTypes: ['workday'], start: '17:30', end: '19:30', slotMinutes: 30, capacity: 3, serviceCodes: [] },
  { hallKey: 'city-center', label: '节假日预约', dayTypes: ['holiday'], start: '09:00', end: '12:00', slotMinutes: 30, capacity: 3, serviceCodes: CITY_HOLIDAY },

  // County centres (regular hours 08:30-12:00, 14:30-17:30): weekend mornings
  {
    hallKey: 'xinfu-center', label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '12:00', slotMinutes: 30, capacity: 3,
    serviceCodes: [...COUNTY_WEEKEND, ...codes('jhdj')],
  },
  { hallKey: 'yuanping-center', label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '12:00', slotMinutes: 30, capacity: 3, serviceCodes: COUNTY_WEEKEND },
  { hallKey: 'dingxiang-center', label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '12:00', slotMinutes: 30, capacity: 2, serviceCodes: COUNTY_WEEKEND },
  { hallKey: 'wutai-center', label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '12:00', slotMinutes: 30, capacity: 2, serviceCodes: COUNTY_WEEKEND },

  // County centres: workday evenings
  { hallKey: 'yuanping-center', label: '延时服务', dayTypes: ['workday'], start: '17:30', end: '19:30', slotMinutes: 30, capacity: 2, serviceCodes: [] },
  {
    hallKey: 'daixian-center', label: '延时服务', dayTypes: ['workday'], start: '17:30', end: '19:00', slotMinutes: 30, capacity: 2,
    serviceCodes: codes('gtsl', 'gssl', 'esfzy', 'sbk', 'sfz', 'gjjgf', 'jhdj'),
  },
]
