import { healthContract } from '@xz/shared'
import { config } from '../../config'
import { now } from '../../lib/clock'
import { pingDb } from '../../lib/db'
import { implement, reply } from '../../lib/routes'

export const healthRoutes = implement(healthContract, {
  get: {
    rateLimit: false,
    handler: async () => {
      const up = await pingDb()
      return reply(up ? 200 : 503, { status: up ? 'ok' : 'degraded', db: up ? 'up' : 'down', devLogin: config().devLogin, time: now().toISOString() } as const)
    },
  },
})
