/**
 * Operator commands, run from the server's shell (README "Operator commands"):
 *   npm run admin -- unlock <username>           lifts every login lock and slow-down of the username
 *   npm run admin -- reset-password <username>   sets a new generated password (printed once), signs the
 *                                                account out everywhere and lifts its locks
 * Connects to MONGODB_URI, or to the embedded database of a running server (EMBEDDED_DB_PORT), or starts
 * the embedded database itself when no server is running.
 */
import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { config } from './config'
import { hashPassword } from './lib/auth'
import { CONNECT_OPTIONS } from './lib/db'
import { freeTcpPort, readEmbeddedPortFile, startEmbeddedDb, type EmbeddedDb } from './lib/embedded-db'
import { resetRateLimitKey } from './lib/rate-limit'
import { generatePassword } from './modules/accounts'
import { Account, revokeAccountSessions, unlockUsername } from './modules/auth'

const USAGE = 'usage: npm run admin -- unlock <username> | reset-password <username>'

async function connect(): Promise<EmbeddedDb | undefined> {
  const c = config()
  if (c.MONGODB_URI) {
    await mongoose.connect(c.MONGODB_URI, CONNECT_OPTIONS)
    return undefined
  }
  // a running server's embedded database (its port is recorded in DATA_DIR), else one started here
  const runningPort = c.EMBEDDED_DB_PORT ?? readEmbeddedPortFile(c.DATA_DIR)
  try {
    if (!runningPort) throw new Error('no running embedded database')
    const uri = `mongodb://127.0.0.1:${runningPort}/xinzhou?directConnection=true&retryWrites=false`
    await mongoose.connect(uri, { ...CONNECT_OPTIONS, serverSelectionTimeoutMS: 1500 })
    return undefined
  } catch {
    const port = c.EMBEDDED_DB_PORT ?? (await freeTcpPort())
    const embedded = await startEmbeddedDb({ dataDir: c.DATA_DIR, port }, (t) => process.stdout.write(`${t}\n`))
    await mongoose.connect(embedded.uri('xinzhou'), CONNECT_OPTIONS)
    return embedded
  }
}

export async function adminCommand(command: string | undefined, username: string | undefined, print: (s: string) => void): Promise<number> {
  if (!command || !username || !['unlock', 'reset-password'].includes(command)) {
    print(USAGE)
    return 2
  }
  const account = await Account.findOne({ username }).lean()
  if (!account) {
    print(`没有用户名为 ${username} 的账号 (no such account)`)
    return 1
  }
  await unlockUsername(username)
  await resetRateLimitKey('login-user', username)
  if (command === 'unlock') {
    print(`已解除 ${username} 的登录锁定 (unlocked)`)
    return 0
  }
  const password = generatePassword((n) => crypto.randomInt(n))
  await Account.updateOne({ _id: account._id }, { $set: { passwordHash: await hashPassword(password), disabled: false } })
  await revokeAccountSessions(account._id.toString())
  print(`已重置 ${username} 的密码，并使其所有登录失效。新密码（只显示这一次）：${password}`)
  return 0
}

async function main(): Promise<void> {
  const [command, username] = process.argv.slice(2)
  let embedded: EmbeddedDb | undefined
  let code = 1
  try {
    if (command && username) embedded = await connect()
    code = await adminCommand(command, username, (s) => process.stdout.write(`${s}\n`))
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`)
  } finally {
    await mongoose.disconnect().catch(() => undefined)
    await embedded?.stop().catch(() => undefined)
  }
  process.exit(code)
}

if (require.main === module) void main()
