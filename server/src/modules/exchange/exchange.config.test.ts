import { loadConfig } from '../../config'
import { DEFAULT_PROVINCIAL_PROFILE } from '@xz/shared'

const base = { NODE_ENV: 'test' }

describe('exchange configuration (environment)', () => {
  it('when nothing is set, then no endpoint, the default profile and sane timings', () => {
    const c = loadConfig(base)
    expect(c.EXCHANGE_ENDPOINT).toBeUndefined()
    expect(c.exchangeProfile).toBe(DEFAULT_PROVINCIAL_PROFILE)
    expect(c.EXCHANGE_LEASE_MS).toBeGreaterThanOrEqual(2 * c.EXCHANGE_TIMEOUT_MS)
  })

  it('when an endpoint, token and a partial profile are set, then they are parsed and merged over the default', () => {
    const c = loadConfig({
      ...base,
      EXCHANGE_ENDPOINT: 'https://hcp.example.gov.cn/api/push',
      EXCHANGE_TOKEN: 'secret-token',
      EXCHANGE_PROFILE: '{"satisfactionOrder":"descending","channelCodes":{"mobile":"06"}}',
    })
    expect(c.EXCHANGE_ENDPOINT).toBe('https://hcp.example.gov.cn/api/push')
    expect(c.exchangeProfile).toMatchObject({ satisfactionOrder: 'descending', channelCodes: { mobile: '06', pc: '1' } })
  })

  it.each([
    [{ EXCHANGE_ENDPOINT: 'not a url' }, 'EXCHANGE_ENDPOINT'],
    [{ EXCHANGE_PROFILE: '{"personalData":"all"}' }, 'EXCHANGE_PROFILE'],
    [{ EXCHANGE_TIMEOUT_MS: '5000', EXCHANGE_LEASE_MS: '9000' }, 'EXCHANGE_LEASE_MS'],
    [{ EXCHANGE_MAX_ATTEMPTS: '0' }, 'EXCHANGE_MAX_ATTEMPTS'],
  ])('when %j, then start-up fails naming %s', (env, name) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(name)
  })
})
