import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import mongoose, { Schema } from 'mongoose'
import { regionContains } from '@xz/shared'
import { config } from '../../config'
import { jwtSecret, type AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import type { FileContent, UploadedFile } from '../../lib/routes'
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors'
import { actorOf } from './tickets.rules'
import { Ticket, type TicketDoc } from './ticket.model'

/**
 * Photos of 12345 诉求. The bytes are files under `DATA_DIR/ticket-photos/` (not in the database: the embedded
 * database keeps documents as JSON text in SQLite, where a 5 MB binary would be base64-inflated and make every scan
 * of the collection slower; files are streamed from disk and backed up with the data directory). One small document
 * per photo (`_id` = the file name) records who uploaded it and, once a ticket uses it, which ticket: that is what
 * the access check reads (photos of a person are personal data).
 */
const ticketPhotoSchema = new Schema({
  _id: { type: String },
  userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  ticketId: String,
  mime: { type: String, required: true },
  size: { type: Number, required: true },
  at: { type: Date, required: true },
})
ticketPhotoSchema.index({ userId: 1 }, { name: 'userId_1_pushdown' })
export const TicketPhoto = mongoose.model('TicketPhoto', ticketPhotoSchema)

const URL_PREFIX = '/api/v1/tickets/photos/'
const NAME_RE = /^[a-f0-9]{32}\.(jpg|png|webp)$/
const MIME_OF: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }
/** Signed links (for `<Image src>`, which sends no Authorization header) are valid until the end of the next hour. */
const LINK_HOURS = 1

export const photoDir = () => path.join(config().DATA_DIR, 'ticket-photos')
const nameOf = (url: string) => url.slice(URL_PREFIX.length)

/** The image type by its first bytes (the client's Content-Type and file name are not trusted). */
export function imageTypeOf(buf: Buffer): 'jpg' | 'png' | 'webp' | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpg'
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (buf.length >= 12 && buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp'
  return null
}

function sign(name: string, exp: number): string {
  return crypto.createHmac('sha256', jwtSecret()).update(`ticket-photo:${name}:${exp}`).digest('hex').slice(0, 32)
}

/** A link that opens the photo without a token (issued only to someone who may see it), valid about an hour. */
export function signedLink(url: string, at: Date = now()): string {
  const name = nameOf(url)
  const exp = (Math.floor(at.getTime() / 3_600_000) + 1 + LINK_HOURS) * 3600
  return `${url}?exp=${exp}&sig=${sign(name, exp)}`
}

/** POST /tickets/photos (multipart, field `photo`): stores one JPEG/PNG/WebP of at most 5 MB. */
export async function uploadPhoto(auth: AuthContext, file: UploadedFile | undefined): Promise<{ url: string; link: string }> {
  if (!file || file.size === 0) throw invalidField('photo', '请选择要上传的照片')
  const ext = imageTypeOf(file.buffer)
  if (!ext) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只支持 JPG、PNG 或 WebP 格式的照片')
  const name = `${crypto.randomBytes(16).toString('hex')}.${ext}`
  const dir = photoDir()
  await fs.mkdir(dir, { recursive: true })
  // written under a temporary name and renamed: a reader never sees half a photo
  const tmp = path.join(dir, `.${name}.tmp`)
  await fs.writeFile(tmp, file.buffer)
  await fs.rename(tmp, path.join(dir, name))
  await TicketPhoto.create({ _id: name, userId: new mongoose.Types.ObjectId(auth.sub), mime: MIME_OF[ext], size: file.size, at: now() })
  const url = URL_PREFIX + name
  return { url, link: signedLink(url) }
}

/**
 * The photos a requester puts on a ticket (at submission or with 补充材料) must be their own uploads, not yet on
 * another ticket. Checked before the ticket is written; `attachPhotos` records the ticket afterwards.
 */
export async function assertOwnPhotos(auth: AuthContext, urls: string[], ticketId?: string): Promise<void> {
  for (const [i, url] of urls.entries()) {
    const p = await TicketPhoto.findById(nameOf(url)).lean()
    if (!p || p.userId.toString() !== auth.sub || (p.ticketId && p.ticketId !== ticketId)) throw invalidField(`photos.${i}`, '照片不存在或已用于其他诉求，请重新上传')
  }
}

export async function attachPhotos(urls: string[], ticketId: string): Promise<void> {
  for (const url of urls) await TicketPhoto.updateOne({ _id: nameOf(url) }, { $set: { ticketId } })
}

/**
 * GET /tickets/photos/:name: to its uploader, and (once on a ticket) to whoever may see the ticket: its requester,
 * the dispatchers and administrators of its region, the handlers of its department; or by a signed link given to them.
 */
export async function servePhoto(auth: AuthContext | undefined, name: string, query: { exp?: string; sig?: string }): Promise<FileContent> {
  if (!NAME_RE.test(name)) throw notFound('照片')
  const p = await TicketPhoto.findById(name).lean()
  if (!p) throw notFound('照片')
  let allowed = false
  if (query.sig && query.exp) {
    const exp = Number(query.exp)
    const expected = sign(name, exp)
    allowed = Number.isFinite(exp) && exp * 1000 > now().getTime() && query.sig.length === expected.length && crypto.timingSafeEqual(Buffer.from(query.sig), Buffer.from(expected))
    if (!allowed) throw forbidden('照片链接已失效，请刷新后查看')
  } else {
    if (!auth) throw new AppError('UNAUTHENTICATED', '请先登录')
    if (auth.role === 'citizen' && p.userId.toString() === auth.sub) allowed = true
    else if (p.ticketId) {
      const t = await Ticket.findById(p.ticketId).select('userId regionCode departmentId').lean<TicketDoc>()
      allowed = Boolean(t && actorOf(auth, t, regionContains))
    }
    if (!allowed) throw forbidden('无权查看该照片')
  }
  const bytes = await fs.readFile(path.join(photoDir(), name)).catch(() => null)
  if (!bytes) throw notFound('照片')
  return { contentType: p.mime, data: bytes, inline: true }
}

/** 注销账号: every photo the person uploaded is deleted, file and record (reached by `userId`, pushed down). */
export async function erasePhotosOf(userId: string): Promise<number> {
  const photos = await TicketPhoto.find({ userId }).select('_id').lean<{ _id: string }[]>()
  for (const p of photos) {
    await fs.rm(path.join(photoDir(), p._id), { force: true })
    await TicketPhoto.deleteOne({ _id: p._id })
  }
  return photos.length
}
