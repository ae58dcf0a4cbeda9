import {
  localDate,
  regionContains,
  type ApplicationQuery,
  type Page,
  type PolicyApplication as ApplicationView,
  type PolicyApplicationStatus,
  POLICY_FIELDS,
  type PolicyField,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, isDuplicateKey, notFound } from '../../lib/errors'
import { adminRegionOf, assertRegionScope } from '../../lib/scope'
import { slicePage } from '../../lib/paging'
import { requireMine } from '../enterprises'
import { notify } from '../notifications'
import { policyCache, type CachedPolicy } from './policy-cache'
import { dueDateOf, matchOf } from './policy-notices'
import { Policy, PolicyApplication, PolicyClaim, type PolicyApplicationDoc, type PolicyDoc } from './policy.model'

const OPEN: readonly PolicyApplicationStatus[] = ['submitted', 'accepted', 'reviewed']

/** Overdue = still open after its 兑现 deadline (the deadline day itself is still in time). */
export function isOverdueApplication(a: Pick<PolicyApplicationDoc, 'status' | 'dueDate'>, today: string): boolean {
  return OPEN.includes(a.status as PolicyApplicationStatus) && Boolean(a.dueDate) && today > a.dueDate!
}

export function toApplication(a: PolicyApplicationDoc, policyTitle: string, today: string): ApplicationView {
  return {
    id: a._id,
    policyId: String(a.policyId),
    policyTitle,
    departmentId: String(a.departmentId),
    creditCode: a.creditCode,
    enterpriseName: a.enterpriseName,
    mode: a.mode as ApplicationView['mode'],
    status: a.status as PolicyApplicationStatus,
    appliedAt: a.appliedAt.toISOString(),
    dueDate: a.dueDate ?? undefined,
    overdue: isOverdueApplication(a, today),
    note: a.note ?? undefined,
    acceptedAt: a.accepted?.at?.toISOString(),
    reviewedAt: a.reviewed?.at?.toISOString(),
    grantedAt: a.granted?.at?.toISOString(),
    amountFen: a.granted?.amountFen ?? undefined,
    rejectedAt: a.rejected?.at?.toISOString(),
    rejectReason: a.rejected?.reason ?? undefined,
  }
}

async function titles(): Promise<Map<string, CachedPolicy>> {
  return new Map((await policyCache.items()).map((p) => [String(p._id), p]))
}

/** `POST /policies/:id/applications` (申报, 快申快享): my eligible enterprise, once per policy. */
export async function apply(auth: AuthContext, policyId: string, note: string | undefined): Promise<ApplicationView> {
  const ent = await requireMine(auth)
  const p = await Policy.findById(policyId, '-fullText').lean<PolicyDoc>()
  if (!p || p.status !== 'published') throw notFound('政策')
  if (p.mode !== 'apply') throw new AppError('INVALID_STATE', '免申即享政策无需申报，符合条件的企业自动兑现')
  const at = now()
  const date = localDate(at)
  const match = matchOf(p, ent, date)
  if (match.status !== 'eligible') {
    const missing = match.missingFields.map((f) => POLICY_FIELDS[f as PolicyField].label)
    const why = match.failing.length ? `还差：${match.failing.join('；')}` : `需补充：${missing.join('、')}`
    throw new AppError('POLICY_NOT_ELIGIBLE', `暂不符合申报条件。${why}`, { failing: match.failing, missingFields: match.missingFields })
  }
  const doc = {
    _id: `${p._id}:${ent._id}`,
    policyId: p._id,
    departmentId: p.departmentId,
    regionCode: p.regionCode,
    creditCode: ent._id,
    enterpriseName: ent.name,
    userId: auth.sub,
    mode: 'apply',
    status: 'submitted',
    note,
    appliedAt: at,
    appliedDate: date,
    dueDate: await dueDateOf(date, p.guide.promiseDays ?? 20),
  }
  try {
    await PolicyApplication.create(doc)
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('APPLICATION_EXISTS', '该政策已申报，请勿重复提交')
    throw err
  }
  return toApplication((await PolicyApplication.findById(doc._id).lean<PolicyApplicationDoc>())!, p.title, date)
}

/** My enterprise's applications and 兑现 records (reached by the credit code, a pushdown-marked field), newest first. */
export async function listMine(auth: AuthContext): Promise<ApplicationView[]> {
  const ent = await requireMine(auth)
  const [rows, byId] = await Promise.all([PolicyApplication.find({ creditCode: ent._id }).lean<PolicyApplicationDoc[]>(), titles()])
  const day = localDate(now())
  return rows.sort((a, b) => b.appliedAt.getTime() - a.appliedAt.getTime()).map((a) => toApplication(a, byId.get(String(a.policyId))?.title ?? '', day))
}

/**
 * Applications of my region's policies. With `policyId` one policy's (by the pushdown-marked `policyId`); otherwise
 * those of each policy of the region in turn (policies are few and in memory), open ones first, oldest first.
 */
export async function adminList(auth: AuthContext, q: ApplicationQuery): Promise<Page<ApplicationView>> {
  const region = adminRegionOf(auth)
  const byId = await titles()
  const policies = [...byId.values()].filter((p) => regionContains(region, p.regionCode) && (!q.policyId || String(p._id) === q.policyId.toLowerCase()))
  const rows: PolicyApplicationDoc[] = []
  for (const p of policies) rows.push(...(await PolicyApplication.find({ policyId: p._id }).lean<PolicyApplicationDoc[]>()))
  const day = localDate(now())
  const filtered = rows
    .filter((a) => (q.status ? a.status === q.status : true))
    .sort((a, b) => Number(OPEN.includes(b.status as PolicyApplicationStatus)) - Number(OPEN.includes(a.status as PolicyApplicationStatus)) || a.appliedAt.getTime() - b.appliedAt.getTime())
  const read = slicePage(filtered, q)
  return read.page(read.rows.map((a) => toApplication(a, byId.get(String(a.policyId))?.title ?? '', day)))
}

type Step = 'accept' | 'review' | 'grant' | 'reject'
const FROM: Record<Step, readonly PolicyApplicationStatus[]> = {
  accept: ['submitted'],
  review: ['accepted'],
  grant: ['reviewed'],
  reject: ['submitted', 'accepted', 'reviewed'],
}
/** 兑现 and 不予兑现 close the application: they share one claim, so only one of them ever happens. */
const CLAIM: Record<Step, string> = { accept: 'accept', review: 'review', grant: 'close', reject: 'close' }

/**
 * One step of 受理 → 审核 → 兑现 / 不予兑现, by an administrator of the policy's region. Each step is claimed first
 * (`app:<id>:<step>`), so of two concurrent attempts one wins and the other gets INVALID_STATE.
 */
export async function transition(auth: AuthContext, id: string, step: Step, input: { amountFen?: number; reason?: string }): Promise<ApplicationView> {
  const a = await PolicyApplication.findById(id).lean<PolicyApplicationDoc>()
  if (!a) throw notFound('申报')
  assertRegionScope(auth, a.regionCode)
  if (!FROM[step].includes(a.status as PolicyApplicationStatus)) {
    throw new AppError('INVALID_STATE', `当前状态（${a.status}）不能${{ accept: '受理', review: '审核', grant: '兑现', reject: '不予兑现' }[step]}`)
  }
  const at = now()
  try {
    await PolicyClaim.create({ _id: `app:${id}:${CLAIM[step]}`, at, by: auth.sub })
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('INVALID_STATE', '该申报已被他人处理，请刷新')
    throw err
  }
  const stamp = { at, date: localDate(at), by: auth.sub }
  const set =
    step === 'accept'
      ? { status: 'accepted', accepted: stamp }
      : step === 'review'
        ? { status: 'reviewed', reviewed: stamp }
        : step === 'grant'
          ? { status: 'granted', granted: { ...stamp, amountFen: input.amountFen } }
          : { status: 'rejected', rejected: { ...stamp, reason: input.reason } }
  await PolicyApplication.updateOne({ _id: id }, { $set: set })
  const updated = (await PolicyApplication.findById(id).lean<PolicyApplicationDoc>())!
  const title = (await titles()).get(String(a.policyId))?.title ?? ''
  if (a.userId && (step === 'grant' || step === 'reject' || step === 'accept')) {
    await notify({
      key: `policy-app:${id}:${step}`,
      to: { userId: a.userId },
      kind: 'policy_application',
      title: step === 'grant' ? '惠企政策已兑现' : step === 'reject' ? '惠企政策申报未通过' : '惠企政策申报已受理',
      body:
        step === 'grant'
          ? `「${title}」已兑现${input.amountFen ? ` ${(input.amountFen / 100).toFixed(2)} 元` : ''}。`
          : step === 'reject'
            ? `「${title}」不予兑现：${input.reason}`
            : `「${title}」的申报已受理，将在 ${a.dueDate} 前办结。`,
      data: { thing1: title.slice(0, 20), thing2: step === 'grant' ? '已兑现' : step === 'reject' ? '不予兑现' : '已受理' },
      page: `/enterprise/policy/index?id=${a.policyId}`,
    })
  }
  return toApplication(updated, title, localDate(at))
}
