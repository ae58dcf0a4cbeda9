/**
 * Loading a project, resolving the caller's part in it, and writing a change as one claimed step: the step
 * `<id>#<seq + 1>` is inserted first (the embedded database's one atomic primitive: a unique `_id`), so of two
 * parallel changes made from the same state exactly one wins; the other gets 409, or is re-run on the new state
 * when the caller says the winner's change does not concern it (e.g. another item of the checklist).
 */
import { localDate, regionContains, type DayTypeLookup, type ProjectViewerRole } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, forbidden, isDuplicateKey, notFound } from '../../lib/errors'
import { currentCalendar } from '../calendar'
import { EnterpriseOwner } from '../enterprises'
import { Project, ProjectClaim, type ProjectDoc } from './project.model'
import { projectActorOf } from './projects.rules'

export interface Ctx {
  at: Date
  /** Local date (Asia/Shanghai). */
  today: string
  dayType: DayTypeLookup
}

export async function context(): Promise<Ctx> {
  const cal = await currentCalendar()
  const at = now()
  return { at, today: localDate(at), dayType: cal.dayType }
}

export async function loadProject(id: string): Promise<ProjectDoc> {
  const p = await Project.findById(id).lean<ProjectDoc>()
  if (!p) throw notFound('项目')
  return normalise(p)
}

/** Documents written before a field existed read as its default. */
export function normalise(p: ProjectDoc): ProjectDoc {
  p.items ??= []
  p.agentIds ??= []
  p.agents ??= []
  p.agency ??= { status: 'none', itemKeys: [] }
  p.agency.itemKeys ??= []
  p.agencyHistory ??= []
  p.adjustments ??= []
  p.seq ??= 0
  return p
}

/** The credit code the citizen owns (reached by `_id` = user id), if any. */
export async function ownedCreditCode(auth: AuthContext): Promise<string | undefined> {
  if (auth.role !== 'citizen') return undefined
  const owner = await EnterpriseOwner.findById(auth.sub).lean<{ creditCode: string }>()
  return owner?.creditCode
}

export async function actorFor(auth: AuthContext, p: ProjectDoc, code?: string): Promise<ProjectViewerRole> {
  const actor = projectActorOf(auth, p, code ?? (await ownedCreditCode(auth)), regionContains)
  if (!actor) throw forbidden('无权查看或处理该项目')
  return actor
}

type Changes = Record<string, unknown>

/**
 * A copy without `undefined` anywhere inside plain objects and arrays: the driver would store each as null in the
 * free-form fields (items, 代办 record, history), and the views promise absent, never null.
 */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).map(([k, v]) => [k, clean(v)])) as T
  }
  return value
}

/** Writes `changes` as step `seq + 1` of `p`, claimed first; 409 when another change of the same step won. */
async function commit(auth: AuthContext, p: ProjectDoc, changes: Changes, at: Date): Promise<void> {
  const seq = p.seq + 1
  const key = `${p._id.toString()}#${seq}`
  const full = clean({ ...changes, seq })
  try {
    await ProjectClaim.create({ _id: key, at, by: auth.sub, changes: full })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    // finish the winner's write (it may have died between its claim and its write), then give up
    const claim = await ProjectClaim.findById(key).lean<{ changes: Changes }>()
    if (claim) await Project.updateOne({ _id: p._id, seq: p.seq }, { $set: claim.changes })
    throw new AppError('CONFLICT', '该项目刚被他人更新，请刷新后重试')
  }
  await Project.updateOne({ _id: p._id, seq: p.seq }, { $set: full })
}

export interface MutateOptions {
  /** After losing a step to someone else: re-run on the new state when this holds (their change did not concern us). */
  retryIf?: (before: ProjectDoc, fresh: ProjectDoc) => boolean
}

const MAX_ATTEMPTS = 4

/**
 * Loads the project, resolves the caller, builds the change from the current state (the builder throws the
 * AppErrors of refused changes) and commits it as one claimed step. Returns the state before and after.
 */
export async function mutate(
  auth: AuthContext,
  id: string,
  build: (p: ProjectDoc, actor: ProjectViewerRole, ctx: Ctx) => Changes | Promise<Changes>,
  opts: MutateOptions = {},
): Promise<{ before: ProjectDoc; after: ProjectDoc; actor: ProjectViewerRole; ctx: Ctx }> {
  const code = await ownedCreditCode(auth)
  let first: ProjectDoc | undefined
  for (let attempt = 1; ; attempt++) {
    const p = await loadProject(id)
    first ??= p
    const actor = await actorFor(auth, p, code)
    const ctx = await context()
    const changes = await build(p, actor, ctx)
    try {
      await commit(auth, p, changes, ctx.at)
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT') || attempt >= MAX_ATTEMPTS || !opts.retryIf) throw err
      const fresh = await loadProject(id)
      if (!opts.retryIf(first, fresh)) throw err
      continue
    }
    return { before: p, after: await loadProject(id), actor, ctx }
  }
}

/** The name recorded with a step: staff names; the enterprise's name for its own steps. */
export function actorName(auth: AuthContext, actor: ProjectViewerRole, p: ProjectDoc): string | undefined {
  return actor === 'enterprise' ? p.enterpriseName : auth.name
}
