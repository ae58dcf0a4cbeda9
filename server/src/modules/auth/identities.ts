import type mongoose from 'mongoose'
import { hashPassword } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, isDuplicateKey } from '../../lib/errors'
import { Account, User } from './auth.model'
import type { Id, ObjectId } from '../../lib/db'


// The identities (User: citizens; Account: staff, administrators, 12345 dispatchers and handlers) belong to the auth
// feature; the features that administer them (accounts, tickets' accounts, privacy) write them through here.

/** What an administrator sets on a new account (the password is hashed here). */
export interface NewAccount {
  username: string
  password: string
  name: string
  role: 'staff' | 'admin' | 'dispatcher' | 'handler' | 'agent'
  hallIds: ObjectId[]
  /** 项目长/代办员: their title and mobile (shown to the enterprise). */
  title?: string
  mobile?: string
  regionCode?: string
  departmentId?: Id
}

/** Creates an account; a taken username is refused (409 DUPLICATE naming it). */
export async function createAccountRecord({ password, ...fields }: NewAccount) {
  try {
    return await Account.create({ ...fields, passwordHash: await hashPassword(password) })
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('DUPLICATE', '用户名已存在', { username: fields.username })
    throw err
  }
}

/** Changes an account's name, points or disabled flag. */
export async function updateAccountRecord(id: Id, set: { name?: string; hallIds?: mongoose.Types.ObjectId[]; disabled?: boolean }): Promise<void> {
  // (no findOneAndUpdate: Account has a select:false field, whose projection the embedded database rejects)
  await Account.updateOne({ _id: id }, { $set: set })
}

export async function setAccountPassword(id: Id, password: string): Promise<void> {
  await Account.updateOne({ _id: id }, { $set: { passwordHash: await hashPassword(password) } })
}

/** The person agreed to a version of the 用户协议 and 隐私政策. */
export async function recordAgreement(userId: Id, version: string, at = now()): Promise<void> {
  await User.updateOne({ _id: userId }, { $set: { agreedVersion: version, agreedAt: at } })
}

/**
 * 注销账号's tombstone: the personal fields go, the openid is replaced (signing in with the same WeChat later starts a
 * new, empty account), `deletedAt` makes the holder check refuse the person's tokens from here on.
 */
export async function eraseUser(userId: Id, at: Date): Promise<void> {
  await User.updateOne(
    { _id: userId },
    { $set: { openid: `deleted:${userId}`, deletedAt: at }, $unset: { name: 1, mobile: 1, enterprise: 1, sessionKey: 1, unionid: 1 } },
  )
}
