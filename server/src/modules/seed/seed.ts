import '../wiring'
import mongoose from 'mongoose'
import { BundleInputSchema, CITY_REGION_CODE, HallInputSchema, ServiceInputSchema } from '@xz/shared'
import { hashPassword, randomToken } from '../../lib/auth'
import { now, sleep } from '../../lib/clock'
import { isDuplicateKey } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { Account } from '../auth'
import { Bundle, Department, Region, Service, serviceSearchFields } from '../catalogue'
import { Hall } from '../halls'
import { seedSessionRules } from './session-rules.seed'
import { seedPolicyDemo } from '../policies'
import * as data from './data'
import { seedDemoHistory } from './history'
import { SeedState } from './seed.model'
import { seedKnowledge } from '../knowledge'
import { seedTickets } from '../tickets'
import { seedProjectDemo } from '../projects'

export interface SeedOptions {
  adminPassword?: string
  staffPassword?: string
  production: boolean
  /** Also seed a few weeks of served bookings and ratings (示例数据) through the services (`npm start` does). */
  history?: boolean
  /** Printed once at first start with the generated demo credentials. */
  print: (text: string) => void
}

const SEED_ID = 'seed'
/** How long a process that lost the claim waits for the winner to finish. */
const WAIT_MS = 120_000
const POLL_MS = 250
/** A claim older than this that never finished belongs to a process that died. */
const STALE_MS = 10 * 60_000
/** Administrator of the whole city. */
export const SEED_ADMIN_USERNAME = 'admin'
/** Staff accounts are made for these point types, one per point: `staff.<hall key>`. */
const STAFFED_TYPES = new Set(['center', 'township'])
/** Env-supplied demo passwords in production must be at least this long (generated ones always are). */
const MIN_PRODUCTION_PASSWORD = 12

/**
 * Seeds the demo data (示例数据, SPEC §4) into an empty database. Returns true when this call seeded.
 * Safe when several processes start at once: the first to insert the `meta/seed` claim seeds; the others wait
 * for it to finish.
 */
export async function seedIfEmpty(opts: SeedOptions): Promise<boolean> {
  checkPasswords(opts)
  if (await SeedState.exists({ _id: SEED_ID })) {
    await waitForSeed()
    return false
  }
  if (!(await databaseIsEmpty())) {
    // another process may have claimed and started in between (the claim is inserted before any data)
    if (await SeedState.exists({ _id: SEED_ID })) await waitForSeed()
    else logger.info('seed: the database already holds data; demo data not seeded')
    return false
  }
  try {
    await SeedState.create({ _id: SEED_ID, status: 'running', startedAt: now(), pid: process.pid })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    await waitForSeed()
    return false
  }
  try {
    const result = await seedDemoData(opts)
    await SeedState.updateOne({ _id: SEED_ID }, { $set: { status: 'done', finishedAt: now(), counts: result.counts } })
    opts.print(result.announcement)
    return true
  } catch (err) {
    await SeedState.updateOne({ _id: SEED_ID }, { $set: { status: 'failed', finishedAt: now(), error: (err as Error).message } }).catch(
      () => undefined,
    )
    throw err
  }
}

function checkPasswords(opts: SeedOptions): void {
  if (!opts.production) return
  for (const [name, value] of [
    ['SEED_ADMIN_PASSWORD', opts.adminPassword],
    ['SEED_STAFF_PASSWORD', opts.staffPassword],
  ] as const) {
    if (value !== undefined && value.length < MIN_PRODUCTION_PASSWORD) {
      throw new Error(`${name} must be at least ${MIN_PRODUCTION_PASSWORD} characters in production`)
    }
  }
}

async function databaseIsEmpty(): Promise<boolean> {
  const counts = await Promise.all([Region, Department, Service, Hall, Bundle, Account].map((m) => (m as mongoose.Model<any>).estimatedDocumentCount()))
  return counts.every((n) => n === 0)
}

/** Waits until the process holding the claim has finished (or gives up, logging why). */
async function waitForSeed(): Promise<void> {
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const state = await SeedState.findById(SEED_ID).lean()
    if (!state || state.status === 'done') return
    if (state.status === 'failed') {
      logger.error({ error: state.error }, 'seed: an earlier seeding failed; drop the database to seed the demo data again')
      return
    }
    if (now().getTime() - state.startedAt.getTime() > STALE_MS) {
      logger.error('seed: an earlier seeding never finished; drop the database to seed the demo data again')
      return
    }
    if (Date.now() > deadline) {
      logger.warn('seed: still running in another process; continuing without waiting')
      return
    }
    await sleep(POLL_MS)
  }
}

// ---------------------------------------------------------------------------------------------
// The data
// ---------------------------------------------------------------------------------------------

type ObjectId = mongoose.Types.ObjectId
const newId = () => new mongoose.Types.ObjectId()

const stringIds = (m: Map<string, ObjectId>) => new Map([...m].map(([k, v]) => [k, v.toString()]))

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const v = map.get(key)
  if (v === undefined) throw new Error(`seed data: unknown ${what} ${key}`)
  return v
}

async function seedDemoData(opts: SeedOptions): Promise<{ counts: Record<string, number>; announcement: string }> {
  const problems = data.validateSeedData()
  if (problems.length) throw new Error(`seed data is inconsistent:\n  ${problems.join('\n  ')}`)

  // Regions and departments
  await Region.insertMany(data.regions.map((r) => ({ _id: r.code, name: r.name, level: r.level, parentCode: r.parentCode, seat: r.seat, demo: true })))
  const departmentByKey = new Map(data.departments.map((d) => [d.key, { ...d, _id: newId() }]))
  await Department.insertMany([...departmentByKey.values()].map(({ key: _key, ...d }) => ({ ...d, demo: true })))

  // Ids first, so that items and points can refer to each other
  const hallIdByKey = new Map<string, ObjectId>(data.halls.map((h) => [h.key, newId()]))
  const serviceIdByCode = new Map<string, ObjectId>(data.services.map((s) => [s.code, newId()]))
  const hallIdsByCode = new Map<string, ObjectId[]>()
  for (const h of data.halls) {
    for (const code of h.serviceCodes) hallIdsByCode.set(code, [...(hallIdsByCode.get(code) ?? []), lookup(hallIdByKey, h.key, 'hall')])
  }
  const serviceId = (code: string) => lookup(serviceIdByCode, code, 'item code').toString()

  // Items (their `offHours` flag is computed by the sessions module once the session rules exist)
  await Service.insertMany(
    data.services.map(({ departmentKey, ...s }) => {
      const dept = lookup(departmentByKey, departmentKey, 'department')
      const parsed = ServiceInputSchema.parse({
        ...s,
        departmentId: dept._id.toString(),
        hallIds: (hallIdsByCode.get(s.code) ?? []).map(String),
      })
      return { ...parsed, ...serviceSearchFields(parsed, dept), _id: lookup(serviceIdByCode, s.code, 'item code'), demo: true }
    }),
  )

  // Points
  await Hall.insertMany(
    data.halls.map(({ key, serviceCodes, windows, ...h }) => ({
      ...HallInputSchema.parse({
        ...h,
        serviceIds: serviceCodes.map(serviceId),
        windows: windows.map(({ serviceCodes: codes, ...w }) => ({ ...w, serviceIds: codes.map(serviceId) })),
      }),
      _id: lookup(hallIdByKey, key, 'hall'),
      demo: true,
    })),
  )

  // Bundles
  await Bundle.insertMany(
    data.bundles.map(({ serviceCodes, ...b }) => {
      const parsed = BundleInputSchema.parse({ ...b, serviceIds: serviceCodes.map(serviceId) })
      return { ...parsed, regionCode: parsed.regionCode ?? CITY_REGION_CODE, demo: true }
    }),
  )

  // Off-hours session rules (owned by the sessions module, which then computes each item's `offHours`)
  const sessionRuleCount = await seedSessionRules(data.sessionRules, stringIds(hallIdByKey), stringIds(serviceIdByCode))

  // Accounts
  const accounts = await seedAccounts(opts, hallIdByKey)

  // A few weeks of served bookings and ratings (示例数据), made through the booking, desk and rating services
  const history = opts.history ? await seedDemoHistory() : { served: 0, rated: 0 }
  // 12345 dispatch catalogue, knowledge base, dispatcher/handler accounts and tickets (issue 15)
  const hotlinePassword = opts.staffPassword ?? generatePassword()
  const departmentIdByKey = new Map([...departmentByKey].map(([k, d]) => [k, d._id]))
  const hotline = await seedTickets(departmentIdByKey, hotlinePassword, opts.staffPassword !== undefined ? '(password from SEED_STAFF_PASSWORD)' : hotlinePassword)
  const knowledge = await seedKnowledge((key) => {
    const id = departmentIdByKey.get(key)
    if (!id) throw new Error(`knowledge demo: unknown department ${key}`)
    return id
  })
  // 送政策上门: demo enterprises, policies and their 兑现 history (owned by the policies module)
  const policyDemo = await seedPolicyDemo()
  // 全代办 / 项目长: checklist templates, 项目长/代办员 accounts and demo investment projects (issue 17)
  const projectDemo = await seedProjectDemo(hotlinePassword, opts.staffPassword !== undefined ? '(password from SEED_STAFF_PASSWORD)' : hotlinePassword)

  const counts = {
    regions: data.regions.length,
    departments: data.departments.length,
    services: data.services.length,
    halls: data.halls.length,
    bundles: data.bundles.length,
    sessionRules: sessionRuleCount,
    accounts: accounts.count,
    servedBookings: history.served,
    ratings: history.rated,
    ...hotline.counts,
    knowledge,
    policies: policyDemo.policies,
    enterprises: policyDemo.enterprises,
    ...projectDemo.counts,
  }
  const announcement = [
    '',
    `示例数据已导入：${counts.services} 个事项、${counts.halls} 个服务网点、${counts.bundles} 个"一件事"、${counts.sessionRules} 条错时服务规则。`,
    'Demo accounts (示例账号) — shown only now, keep them safe:',
    ...accounts.lines,
    ...hotline.lines,
    ...projectDemo.lines,
    '',
  ].join('\n')
  return { counts, announcement }
}

/** One administrator of the city and one staff account per demo centre and township point. */
async function seedAccounts(opts: SeedOptions, hallIdByKey: Map<string, ObjectId>): Promise<{ count: number; lines: string[] }> {
  const adminPassword = opts.adminPassword ?? generatePassword()
  const staffPassword = opts.staffPassword ?? generatePassword()
  const staffed = data.halls.filter((h) => STAFFED_TYPES.has(h.type))
  const rows = [
    { username: SEED_ADMIN_USERNAME, password: adminPassword, name: '忻州市政务服务管理员', role: 'admin', hallIds: [], regionCode: CITY_REGION_CODE },
    ...staffed.map((h) => ({
      username: `staff.${h.key}`,
      password: staffPassword,
      name: `${h.name}窗口人员`,
      role: 'staff',
      hallIds: [lookup(hallIdByKey, h.key, 'hall')],
      regionCode: h.regionCode,
    })),
  ]
  await Account.insertMany(
    await Promise.all(rows.map(async ({ password, ...a }) => ({ ...a, passwordHash: await hashPassword(password), demo: true }))),
  )
  const shown = (password: string, fromEnv: boolean, variable: string) => (fromEnv ? `(password from ${variable})` : password)
  return {
    count: rows.length,
    lines: [
      `  administrator (忻州市): ${SEED_ADMIN_USERNAME}  ${shown(adminPassword, opts.adminPassword !== undefined, 'SEED_ADMIN_PASSWORD')}`,
      `  window staff, one per point (${staffed.length}): staff.<point>, e.g. staff.${staffed[0]?.key ?? 'city-center'}  ${shown(
        staffPassword,
        opts.staffPassword !== undefined,
        'SEED_STAFF_PASSWORD',
      )}`,
      `    points: ${staffed.map((h) => h.key).join(', ')}`,
    ],
  }
}

/** 16 random characters (96 bits): never a fixed or guessable default. */
function generatePassword(): string {
  return randomToken(12)
}
