/** `agent`: 项目长 or 代办员 of investment projects (SPEC §2.11); which one is per project. */
export const ROLES = ['citizen', 'staff', 'admin', 'dispatcher', 'handler', 'agent'] as const
export type Role = (typeof ROLES)[number]

export const DAY_TYPES = ['workday', 'weekend', 'holiday', 'makeup_workday'] as const
export type DayType = (typeof DAY_TYPES)[number]

export const HALL_TYPES = ['center', 'township', 'village', 'bank', 'selfservice'] as const
export type HallType = (typeof HALL_TYPES)[number]
export const HALL_TYPE_LABELS: Record<HallType, string> = {
  center: '政务服务中心',
  township: '乡镇便民服务中心',
  village: '村(社区)便民服务站',
  bank: '银行网点',
  selfservice: '24小时自助服务区',
}

export const ITEM_TYPES = ['行政许可', '行政确认', '行政给付', '公共服务', '其他'] as const
export type ItemType = (typeof ITEM_TYPES)[number]

export const AUDIENCES = ['个人', '法人'] as const
export type Audience = (typeof AUDIENCES)[number]

export const THEMES = [
  '企业开办', '工程建设', '不动产', '社保', '医保', '公积金', '税务', '户籍', '交通', '民政', '婚育', '教育', '就业创业',
  '卫生健康', '市场监管', '司法公证',
] as const
export type Theme = (typeof THEMES)[number]

export const REGION_LEVELS = ['city', 'county', 'township', 'village'] as const
export type RegionLevel = (typeof REGION_LEVELS)[number]

export const SESSION_DAY_TYPES = ['weekend', 'holiday', 'workday'] as const
export type SessionDayType = (typeof SESSION_DAY_TYPES)[number]

export const SESSION_LABELS = ['双休日值班', '节假日预约', '午间不断档', '延时服务'] as const

export const BOOKING_STATUSES = ['booked', 'checked_in', 'served', 'cancelled', 'no_show'] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['booked', 'checked_in']

export const RATING_LEVELS = [1, 2, 3, 4, 5] as const
export const RATING_LEVEL_LABELS: Record<number, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
}
