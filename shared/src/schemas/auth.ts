import '../zod'
import * as z from 'zod'
import { ROLES } from '../enums'
import { EnterpriseSchema, MobileSchema, PersonNameSchema } from './common'

export const WechatLoginSchema = z.strictObject({ code: z.string().trim().min(1).max(128) })
export const StaffLoginSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
})
export const RefreshSchema = z.strictObject({ refreshToken: z.string().min(10).max(512) })

export const MeSchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  name: z.string().optional(),
  mobile: z.string().optional(),
  enterprise: EnterpriseSchema.optional(),
  username: z.string().optional(),
  hallIds: z.array(z.string()).optional(),
  regionCode: z.string().optional(),
  /** Handlers (12345): the department they work for. */
  departmentId: z.string().optional(),
})
export type Me = z.infer<typeof MeSchema>

export const UpdateMeSchema = z.strictObject({
  name: PersonNameSchema.optional(),
  mobile: MobileSchema.optional(),
  enterprise: EnterpriseSchema.nullable().optional(),
})
export type UpdateMe = z.infer<typeof UpdateMeSchema>

export const TokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int(),
  user: MeSchema,
})
export type TokenPair = z.infer<typeof TokenPairSchema>

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['up', 'down']),
  devLogin: z.boolean(),
  time: z.string(),
})
export type Health = z.infer<typeof HealthSchema>
