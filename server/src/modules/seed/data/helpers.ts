import type { SeedService } from './types'

export type SeedMaterial = SeedService['materials'][number]
export type SeedStep = SeedService['steps'][number]

/** A material with the usual defaults spelt out (原件, 1 份, 纸质或电子, 必须). */
export function mat(name: string, o: Omit<Partial<SeedMaterial>, 'name'> = {}): SeedMaterial {
  return { name, form: '原件', copies: 1, medium: '纸质或电子', required: true, ...o }
}

export function step(name: string, role: string, limitDays?: number, description?: string): SeedStep {
  const s: SeedStep = { name, role }
  if (limitDays !== undefined) s.limitDays = limitDays
  if (description) s.description = description
  return s
}

// ---------------------------------------------------------------------------------------------
// Recurring materials. Items of one bundle use the same objects so that the merged list de-duplicates them.
// ---------------------------------------------------------------------------------------------
export const M = {
  /** The applicant's own identity card. */
  sfz: mat('居民身份证', {
    eLicense: true,
    note: '申请人本人有效期内的居民身份证，可出示"三晋通"或"国家政务服务平台"中的居民身份证电子证照',
  }),
  /** For corporate items: the person who comes to the window. */
  jbrSfz: mat('经办人居民身份证', { eLicense: true, note: '窗口现场核验，可使用居民身份证电子证照' }),
  parentsSfz: mat('父母双方居民身份证', { eLicense: true, note: '父母一方到场办理的，需提供另一方身份证件' }),
  hkb: mat('居民户口簿', { eLicense: true, note: '户口簿首页及本人页，可使用户口簿电子证照' }),
  wts: mat('授权委托书', {
    required: false,
    note: '委托他人代为办理时提供，载明委托事项、权限和期限，并附受托人居民身份证',
  }),
  /** Fetched by the system from the market-entity register. */
  yyzz: mat('营业执照', {
    exempt: true,
    eLicense: true,
    source: '市场主体登记信息共享',
    note: '系统通过市场主体登记信息共享自动获取，无需提交；也可出示电子营业执照',
  }),
  sbkCard: mat('社会保障卡', { note: '第三代社会保障卡或电子社保卡均可，作为待遇发放账户' }),
  ybpz: mat('医保电子凭证或社会保障卡', { medium: '纸质或电子', note: '可通过国家医保服务平台App、微信或支付宝出示医保电子凭证' }),
  bdcqz: mat('不动产权证书', {
    eLicense: true,
    note: '或原房屋所有权证、国有土地使用证；已登记的不动产可由系统调取电子证照',
  }),
  mmht: mat('存量房买卖合同', {
    copies: 1,
    source: '忻州市存量房网签备案系统',
    note: '经网签备案的合同，系统可直接调取；未网签的提交买卖双方签字的合同原件',
  }),
  hyzk: mat('婚姻状况证明或承诺', {
    promise: true,
    note: '已婚的提供结婚证，未婚、离异或丧偶的可签署《婚姻状况承诺书》代替证明',
  }),
  csyxzm: mat('出生医学证明', {
    eLicense: true,
    exempt: true,
    source: '卫生健康部门出生医学证明信息共享',
    note: '助产机构签发后信息实时共享，无需提交纸质件',
  }),
  zp: mat('近期免冠证件照片', {
    exempt: true,
    note: '窗口现场免费采集，无需自备',
  }),
} as const

export const HOURS = {
  city: '工作日 9:00-12:00，13:30-17:30；午间、晚间及双休日、节假日可预约错时服务',
  county: '工作日 8:30-12:00，14:30-17:30（以各县（市、区）政务服务中心公布时间为准）',
  online: '网上办理 7×24 小时；窗口办理时间为工作日 9:00-12:00，13:30-17:30',
  grassroots: '工作日 8:30-12:00，14:30-17:30（乡镇、村（社区）便民服务中心（站）可受理或代办）',
} as const
