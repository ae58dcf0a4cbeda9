import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { ROLES } from '@xz/shared'

/** Citizens and enterprises, signed in with WeChat. */
const userSchema = new Schema(
  {
    openid: { type: String, required: true },
    unionid: String,
    /** WeChat session_key: stays on the server, never serialised to a client. */
    sessionKey: { type: String, select: false },
    name: String,
    mobile: String,
    enterprise: { type: new Schema({ name: String, creditCode: String }, { _id: false }), default: undefined },
    role: { type: String, enum: ['citizen'], default: 'citizen' },
    /** Bumped to revoke every access token at once (account deletion). */
    tokenVersion: { type: Number, default: 0 },
    /** Set when the person deleted their account (personal fields erased, see privacy service). */
    deletedAt: Date,
    /** The 用户协议/隐私政策 version agreed to, and when (recorded before personal data is collected). */
    agreedVersion: String,
    agreedAt: Date,
  },
  { timestamps: true },
)
// (sign-in finds a citizen by openid: searched in SQL on the embedded database, see pushdown-lists.test.ts)
userSchema.index({ openid: 1 }, { unique: true, name: 'openid_1_pushdown' })
export const User = mongoose.model('User', userSchema)
export type UserDoc = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId }

/** Staff and administrators, signed in with username + password. */
const accountSchema = new Schema(
  {
    username: { type: String, required: true },
    passwordHash: { type: String, required: true, select: false },
    name: { type: String, required: true },
    role: { type: String, enum: ROLES.filter((r) => r !== 'citizen'), required: true },
    hallIds: { type: [Schema.Types.ObjectId], default: [] },
    regionCode: String,
    /** 12345 handlers: the department they work for. */
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department' },
    /** 项目长/代办员 (role agent): 职务 and a work mobile, shown to the enterprises of their projects. */
    title: String,
    mobile: String,
    disabled: { type: Boolean, default: false },
    demo: { type: Boolean, default: false },
    /** Bumped to revoke every access token at once (disabled, points reassigned, password reset). */
    tokenVersion: { type: Number, default: 0 },
  },
  { timestamps: true },
)
accountSchema.index({ username: 1 }, { unique: true })
// the administrators (statistics warm-up), searched in SQL on the embedded database
accountSchema.index({ role: 1 }, { name: 'role_1_pushdown' })
export const Account = mongoose.model('Account', accountSchema)
export type AccountDoc = InferSchemaType<typeof accountSchema> & { _id: mongoose.Types.ObjectId }

/** Rotating refresh tokens: `_id` is the SHA-256 of the token; a family is one login. */
const refreshTokenSchema = new Schema({
  _id: { type: String },
  familyId: { type: String, required: true },
  subject: { type: String, required: true },
  kind: { type: String, enum: ['user', 'account'], required: true },
  expiresAt: { type: Date, required: true },
  revokedAt: Date,
  /** Why: absent = spent by rotation (a second use is a reuse), 'revoked' = signed out by an administrator/operator. */
  revokedReason: String,
  createdAt: { type: Date, required: true },
})
refreshTokenSchema.index({ familyId: 1 }, { name: 'familyId_1_pushdown' })
refreshTokenSchema.index({ subject: 1 }, { name: 'subject_1_pushdown' })
export const RefreshToken = mongoose.model('RefreshToken', refreshTokenSchema)

/**
 * One-shot claims (`_id` deterministic, insert-only): a refresh token spent, a login attempt slot held.
 * Inserting the same `_id` twice fails with 11000 — the one atomic primitive of the embedded database.
 */
const claimSchema = new Schema({
  _id: { type: String },
  at: { type: Date, required: true },
  ref: String,
})
export const AuthClaim = mongoose.model('AuthClaim', claimSchema)
