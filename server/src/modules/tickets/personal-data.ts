import { ERASED_MOBILE, ERASED_TEXT } from '@xz/shared'
import { Account } from '../auth'
import { rewriteNotice } from '../notifications'
import { Ticket, type TicketDoc } from './ticket.model'
export { erasePhotosOf } from './ticket-photos'

/**
 * 12345 诉求 stay (counts, time limits, department performance) without the person: contact, text, photos and
 * place are erased, and so is what the person wrote into the timeline. Reached by `userId` (pushdown index).
 */
export async function anonymiseTicketsOf(userId: string): Promise<void> {
  const tickets = await Ticket.find({ userId }).lean<TicketDoc[]>()
  for (const t of tickets) {
    const timeline = (t.timeline ?? []).map((e) => (e.byRole === 'citizen' && e.text ? { ...e, text: ERASED_TEXT } : e))
    await eraseDispatchNotices(t)
    await Ticket.updateOne(
      { _id: t._id },
      { $set: { contactMobile: ERASED_MOBILE, description: ERASED_TEXT, photos: [], timeline }, $unset: { contactName: 1, address: 1, location: 1 } },
    )
  }
}

/**
 * The 派单 notices to the handlers quote the 诉求: their keys are `tk-dispatch:<ticket>#<seq>:<account>` (one per
 * dispatch event and handler of a department that held the ticket), so they are reached by `_id`, never by a scan.
 */
async function eraseDispatchNotices(t: TicketDoc): Promise<void> {
  const seqs = (t.timeline ?? []).filter((e) => e.action === 'dispatch' || e.action === 'redispatch').map((e) => e.seq)
  if (!seqs.length) return
  const depts = [...new Set([t.departmentId, ...(t.returnedFrom ?? [])].filter(Boolean).map(String))]
  const handlers = await Account.find({ role: 'handler', departmentId: { $in: depts } }).select('_id').lean()
  for (const seq of seqs) {
    for (const h of handlers) {
      await rewriteNotice(`tk-dispatch:${t._id}#${seq}:${String(h._id)}`, `${t.categoryName}：${ERASED_TEXT}`)
    }
  }
}
