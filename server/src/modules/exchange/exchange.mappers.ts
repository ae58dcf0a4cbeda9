import {
  maskName,
  SATISFACTION_LABELS,
  type ExchangeChannel,
  type ExchangeRecord,
  type IdentityType,
  type ProvincialProfile,
} from '@xz/shared'

/**
 * Pure mappers from the canonical record (our own values: level 5 = 非常满意 … 1 = 非常不满意) to each target's
 * field set. Every code list is an explicit table, so a reversed direction is visible in one line.
 */

// ---------------------------------------------------------------------------------------------
// National field set (GB/T 39046—2020 table 9)
// ---------------------------------------------------------------------------------------------

/** National 满意度代码: 1 = 非常满意 … 5 = 非常不满意 (the reverse of our level). */
export const NATIONAL_SATISFACTION_CODE: Record<number, string> = { 5: '1', 4: '2', 3: '3', 2: '4', 1: '5' }

/** National 评价渠道 names and codes (PC端 1 … 短信 7); the default rating has no channel of its own: 9 其他. */
export const NATIONAL_CHANNELS: Record<ExchangeChannel, { code: string; name: string }> = {
  pc: { code: '1', name: 'PC端' },
  mobile: { code: '2', name: '移动端' },
  qrcode: { code: '3', name: '二维码' },
  hall_pad: { code: '4', name: '政务大厅平板电脑' },
  hall_terminal: { code: '5', name: '政务大厅其他终端' },
  phone: { code: '6', name: '电话' },
  sms: { code: '7', name: '短信' },
  system: { code: '9', name: '其他（系统默认评价）' },
}

export const IDENTITY_LABELS: Record<IdentityType, string> = { natural_person: '自然人', legal_person: '法人' }

/** 'YYYY-MM-DD HH:mm:ss' in Asia/Shanghai. */
export function chinaDateTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

export interface NationalRecord {
  办件编号: string
  评价渠道: string
  评价渠道代码: string
  评价人: string
  评价人类型: string
  评价时间: string
  评价次数: number
  满意度: string
  满意度代码: string
  文字评价: string
  行政区划: string
  /** Outcome records (答复整改 / 回访) only. */
  整改情况?: string
}

export function toNational(r: ExchangeRecord): NationalRecord {
  const channel = NATIONAL_CHANNELS[r.channel]
  return {
    办件编号: r.caseNo,
    评价渠道: channel.name,
    评价渠道代码: channel.code,
    评价人: r.rater.name,
    评价人类型: IDENTITY_LABELS[r.rater.identity],
    评价时间: chinaDateTime(r.at),
    评价次数: r.count,
    满意度: SATISFACTION_LABELS[r.level]!,
    满意度代码: NATIONAL_SATISFACTION_CODE[r.level]!,
    文字评价: r.text ?? '',
    行政区划: r.regionCode.slice(0, 6),
    ...(outcomeText(r) ? { 整改情况: outcomeText(r) } : {}),
  }
}

function outcomeText(r: ExchangeRecord): string | undefined {
  if (r.kind === 'reply') return `整改答复：${r.outcome?.reply ?? ''}`
  if (r.kind === 'revisit') return `回访评价：${r.outcome?.satisfaction ?? ''}`
  return undefined
}

const ASCENDING: Record<number, string> = { 1: '1', 2: '2', 3: '3', 4: '4', 5: '5' }

export function provincialSatisfaction(level: number, profile: ProvincialProfile): string {
  return (profile.satisfactionOrder === 'ascending' ? ASCENDING : NATIONAL_SATISFACTION_CODE)[level]!
}

/** The rater's name as the profile allows (the canonical record already holds no more than that). */
export function nameForProfile(name: string, profile: Pick<ProvincialProfile, 'personalData'>): string {
  if (profile.personalData === 'none') return '匿名'
  if (profile.personalData === 'masked') return maskName(name)
  return name
}

export interface ProvincialRecord {
  areaCode: string
  deptCode: string
  taskCode: string
  taskName: string
  projectNo: string
  userName: string
  userProp: string
  satisfaction: string
  evalDetail: string
  writingEvaluation: string
  assessTime: string
  assessNumber: number
  pf: string
  /** Outcome records only: 1 = 整改答复, 2 = 回访. */
  rectifyType?: string
  rectifyResult?: string
}

export function toProvincial(r: ExchangeRecord, profile: ProvincialProfile): ProvincialRecord {
  const areaCode = profile.areaCodeLength === 6 ? r.regionCode.slice(0, 6) : r.regionCode.padEnd(12, '0').slice(0, 12)
  return {
    areaCode,
    deptCode: (r.departmentId && profile.deptCodes[r.departmentId]) || profile.defaultDeptCode,
    taskCode: r.serviceCode,
    taskName: r.serviceName,
    projectNo: r.caseNo,
    // an enterprise's name is no personal data: only a person's name is minimised
    userName: r.rater.identity === 'legal_person' ? r.rater.name : nameForProfile(r.rater.name, profile),
    userProp: profile.identityCodes[r.rater.identity],
    satisfaction: provincialSatisfaction(r.level, profile),
    evalDetail: r.tags.join('、'),
    writingEvaluation: r.text ?? '',
    assessTime: chinaDateTime(r.at),
    assessNumber: r.count,
    pf: profile.channelCodes[r.channel],
    ...(r.kind === 'reply' ? { rectifyType: '1', rectifyResult: r.outcome?.reply ?? '' } : {}),
    ...(r.kind === 'revisit' ? { rectifyType: '2', rectifyResult: r.outcome?.satisfaction ?? '' } : {}),
  }
}

/** Minimises the rater's name before the record is stored (a full name only when the profile may receive it). */
export function minimiseName(fullName: string, profile: Pick<ProvincialProfile, 'personalData'>): string {
  return nameForProfile(fullName, profile)
}
