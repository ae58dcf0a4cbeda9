/**
 * Input hygiene (issue 13 item 4): unclean text in any field, points outside Xinzhou, bodies that are
 * missing or not JSON, tokens without an expiry and unsupported methods are refused with the error model.
 */
import jwt from 'jsonwebtoken'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { CITY } from '../helpers/desk-fixtures'
import { hallInput } from '../helpers/factories'

useTestDb()
let me: Session
let admin: Session
beforeAll(async () => {
  me = await citizen()
  admin = await account({ role: 'admin', regionCode: CITY })
})

const patchMeRaw = (raw: string, type = 'application/json') => api().patch('/api/v1/me').set(me.auth).set('Content-Type', type).send(raw)

describe('text fields', () => {
  it.each([
    ['NUL', '张\\u0000三'],
    ['a control character', '张\\u0007三'],
    ['DEL', '张\\u007f三'],
    ['a right-to-left override', '张\\u202e三'],
    ['a bidi isolate', '张\\u2066三'],
    ['a lone high surrogate', '张\\ud800三'],
    ['a lone low surrogate', '张\\udc00三'],
  ])('when a name holds %s, then 400 names the field and nothing is stored', async (_what, escaped) => {
    const res = await patchMeRaw(`{"name":"${escaped}"}`)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.details.issues[0].path).toBe('name')
    expect((await api().get('/api/v1/me').set(me.auth)).body.name).toBeUndefined()
  })

  it('when a name holds a real astral character (a surrogate pair), then it is accepted', async () => {
    const res = await patchMeRaw('{"name":"𠮷野"}')
    expect(res.status).toBe(200)
    expect(res.body.name).toBe('𠮷野')
  })

  it('when a query parameter holds NUL, then 400 names it', async () => {
    const res = await api().get('/api/v1/services?q=%E6%88%B7%00')
    expect(res.status).toBe(400)
    expect(res.body.error.details.issues[0].path).toBe('q')
  })

  it('when a nested field holds a bidi override, then 400 names the nested path', async () => {
    const res = await patchMeRaw('{"enterprise":{"name":"忻州\\u202e公司","creditCode":"91440300708461136T"}}')
    expect(res.status).toBe(400)
    expect(res.body.error.details.issues[0].path).toBe('enterprise.name')
  })
})

describe('point coordinates', () => {
  it.each([
    [{ lat: 0, lng: 0 }, 'location.lat'],
    [{ lat: 39.9042, lng: 116.4074 }, 'location.lng'], // Beijing
    [{ lat: 37.87, lng: 112.55 }, 'location.lat'], // Taiyuan, south of Xinzhou
  ])('when a point is placed at %j, then 400 names %s', async (location, field) => {
    const res = await api().post('/api/v1/admin/halls').set(admin.auth).send(hallInput({ location }))
    expect(res.status).toBe(400)
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(field)
  })

  it('when a point lies in Xinzhou, then it is created', async () => {
    const res = await api().post('/api/v1/admin/halls').set(admin.auth).send(hallInput({ location: { lat: 38.4167, lng: 112.7342 } }))
    expect(res.status).toBe(201)
  })
})

describe('request bodies', () => {
  it('when PATCH /me comes without a body, then 400, not 200', async () => {
    const res = await api().patch('/api/v1/me').set(me.auth)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
  })

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('when the body is %s, then 415', async (type) => {
    const res = await patchMeRaw('name=x', type)
    expect(res.status).toBe(415)
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })

  it('when the body is not valid JSON, then 400 BAD_JSON', async () => {
    const res = await patchMeRaw('{"name":')
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('BAD_JSON')
  })
})

describe('tokens', () => {
  it('when a correctly signed token has no expiry, then 401', async () => {
    const token = jwt.sign({ role: 'citizen', hallIds: [] }, process.env.JWT_SECRET!, { subject: me.id, issuer: 'xz-wuyouban', algorithm: 'HS256', noTimestamp: true })
    expect(jwt.decode(token)).not.toHaveProperty('exp')
    const res = await api().get('/api/v1/me').set('Authorization', `Bearer ${token}`)
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('UNAUTHENTICATED')
  })
})

describe('methods', () => {
  it.each([
    ['put', '/api/v1/bookings', 'GET, POST'],
    ['delete', '/api/v1/health', 'GET'],
    ['patch', '/api/v1/services/0123456789abcdef01234567', 'GET'],
  ] as const)('when %s %s is asked, then 405 with Allow', async (method, url, allow) => {
    const res = await api()[method](url).set(me.auth)
    expect(res.status).toBe(405)
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED')
    for (const m of allow.split(', ')) expect(res.headers.allow).toContain(m)
  })

  it('when the path does not exist at all, then 404', async () => {
    expect((await api().put('/api/v1/no-such-thing').set(me.auth)).status).toBe(404)
  })
})
