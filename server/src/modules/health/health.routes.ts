import { HealthSchema } from '@xz/shared'
import { config } from '../../config'
import { now } from '../../lib/clock'
import { pingDb } from '../../lib/db'
import { ApiRouter } from '../../lib/routes'

export const healthRoutes = new ApiRouter('/health', 'health').get(
  '/',
  { summary: 'Liveness and database status (503 when the database is down)', response: HealthSchema, rateLimit: false },
  async ({ res }) => {
    const up = await pingDb()
    if (!up) res.status(503)
    return { status: up ? 'ok' : 'degraded', db: up ? 'up' : 'down', devLogin: config().devLogin, time: now().toISOString() }
  },
)
