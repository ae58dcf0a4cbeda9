import '../zod'
import * as z from 'zod'
import { LEGAL_VERSION } from '../legal'

/** Agreement to the 用户协议 and 隐私政策 of a version (only the current one can be agreed to). */
export const AgreementInputSchema = z.strictObject({
  version: z.literal(LEGAL_VERSION, { error: '协议版本已更新，请重新阅读后同意' }),
})
export type AgreementInput = z.infer<typeof AgreementInputSchema>

export const AgreementStatusSchema = z.object({
  currentVersion: z.string(),
  agreedVersion: z.string().optional(),
  agreedAt: z.string().optional(),
  /** True when the person agreed to the current version. */
  agreed: z.boolean(),
})
export type AgreementStatus = z.infer<typeof AgreementStatusSchema>

/** Deleting my account: typed confirmation, so that a stray tap cannot do it. */
export const DeleteAccountSchema = z.strictObject({
  confirm: z.literal('注销账号', { error: '请输入“注销账号”确认' }),
})

export const DeleteAccountResultSchema = z.object({ ok: z.literal(true), deletedAt: z.string() })

/** Everything held about me (导出我的数据): loose on purpose, it mirrors the stored records. */
export const MyDataExportSchema = z.object({
  exportedAt: z.string(),
  user: z.record(z.string(), z.unknown()),
  bookings: z.array(z.record(z.string(), z.unknown())),
  waitlist: z.array(z.record(z.string(), z.unknown())),
  ratings: z.array(z.record(z.string(), z.unknown())),
  workOrders: z.array(z.record(z.string(), z.unknown())),
  notifications: z.array(z.record(z.string(), z.unknown())),
  /** 12345 诉求 I submitted. */
  tickets: z.array(z.record(z.string(), z.unknown())),
  /** 申报 / 兑现 records I filed, and those of the enterprise I own. */
  policyApplications: z.array(z.record(z.string(), z.unknown())),
  /** The enterprise profile (企业画像) I own, or null. */
  enterprise: z.record(z.string(), z.unknown()).nullable(),
  /** "This answered my question" marks in the knowledge base. */
  knowledgeResolutions: z.array(z.record(z.string(), z.unknown())),
})
