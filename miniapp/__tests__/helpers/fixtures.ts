import type { BookingDetail, HallSummary, ServiceDetail, ServiceSummary, Slot } from '@xz/shared'

export const SERVICE_ID = 'aaaaaaaaaaaaaaaaaaaaaaaa'
export const HALL_ID = 'bbbbbbbbbbbbbbbbbbbbbbbb'
export const BOOKING_ID = 'cccccccccccccccccccccccc'

export const serviceSummary: ServiceSummary = {
  id: SERVICE_ID,
  code: '140900-XK-00001',
  name: '企业设立登记（营业执照）',
  itemType: '行政许可',
  departmentId: 'dddddddddddddddddddddddd',
  departmentName: '市行政审批局',
  audiences: ['法人'],
  themes: ['企业开办'],
  promisedLimitDays: 1,
  visits: 0,
  bookable: true,
  offHours: true,
  offHoursWeekend: true,
  offHoursExtended: false,
  instantApproval: true,
  commitment: false,
  status: 'active',
  demo: true
}

export const serviceDetail: ServiceDetail = {
  ...serviceSummary,
  implementer: '忻州市行政审批服务管理局',
  legalBasis: ['《中华人民共和国市场主体登记管理条例》'],
  levels: ['市级'],
  regionCode: '140900',
  conditions: ['申请人具有完全民事行为能力'],
  materials: [
    { name: '公司登记（备案）申请书', form: '原件', copies: 1, medium: '纸质或电子', required: true, exempt: false, promise: false, eLicense: false },
    { name: '住所使用证明', form: '复印件', copies: 1, medium: '纸质', required: true, exempt: false, promise: true, eLicense: false },
    { name: '法定代表人身份证', form: '原件', copies: 1, medium: '纸质或电子', required: true, exempt: true, promise: false, eLicense: true }
  ],
  steps: [
    { name: '申请', role: '申请人', limitDays: 0 },
    { name: '受理审查', role: '窗口工作人员', limitDays: 1, description: '材料齐全当场受理' },
    { name: '发照', role: '市行政审批局' }
  ],
  legalLimitDays: 3,
  fee: { free: true },
  onlineDepth: '全程网办',
  proxy: true,
  hallIds: [HALL_ID],
  halls: [{ id: HALL_ID, name: '忻州市政务服务中心', type: 'center', address: '忻府区和平街1号', regionCode: '140902', phone: '0350-3336789' }],
  hours: '工作日 9:00-12:00，13:30-17:30',
  consultPhone: '0350-3336789',
  complaintPhone: '12345',
  faq: [],
  keywords: ['yyzz'],
  status: 'active',
  ratingSummary: { count: 4, goodRate: 0.75, average: 4, levels: { 5: 2, 4: 1, 2: 1 } },
  demo: true
}

export const hall: HallSummary = {
  id: HALL_ID,
  name: '忻州市政务服务中心',
  type: 'center',
  regionCode: '140902',
  address: '忻府区和平街1号',
  location: { lat: 38.42, lng: 112.73 },
  phone: '0350-3336789',
  open24h: false,
  openNow: true,
  distanceKm: 1.26,
  hasOffHours: true,
  status: 'active',
  demo: true
}

export function slot(date: string, start: string, remaining: number, dayType: Slot['dayType'] = 'weekend'): Slot {
  const [h, m] = start.split(':').map(Number)
  const endMin = h * 60 + m + 30
  const end = `${String(Math.floor(endMin / 60)).padStart(2, '0')}:${String(endMin % 60).padStart(2, '0')}`
  return {
    id: `${'e'.repeat(24)}.${date.replace(/-/g, '')}.${start.replace(':', '')}`,
    hallId: HALL_ID,
    date,
    start,
    end,
    label: '双休日值班',
    dayType,
    capacity: 4,
    remaining
  }
}

export function booking(patch: Partial<BookingDetail> = {}): BookingDetail {
  return {
    id: BOOKING_ID,
    code: '7K3M9QPA',
    status: 'booked',
    serviceId: SERVICE_ID,
    serviceName: serviceDetail.name,
    hallId: HALL_ID,
    hallName: hall.name,
    hallAddress: hall.address,
    slotId: slot('2026-11-28', '09:00', 3).id,
    date: '2026-11-28',
    start: '09:00',
    end: '09:30',
    startAt: '2026-11-28T01:00:00.000Z',
    endAt: '2026-11-28T01:30:00.000Z',
    label: '双休日值班',
    applicant: { name: '张三', phone: '13812345678' },
    fromWaitlist: false,
    changeable: true,
    qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
    ...patch
  }
}

/** A valid 统一社会信用代码 (GB 32100-2015 check character). */
export const VALID_CREDIT_CODE = '91140900MA0K1234XJ'
