import type { ApiRouter } from '../lib/routes'
import { authRoutes, meRoutes } from './auth/auth.routes'
import { healthRoutes } from './health/health.routes'

/** Every feature router, mounted under /api/v1 in this order. */
export const featureRouters: ApiRouter[] = [healthRoutes, authRoutes, meRoutes]
