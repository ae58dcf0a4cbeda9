// the composition root: each feature's routes file (feature code imports other features through their index.ts only)
import './wiring'
import type { FeatureRouter } from '../lib/routes'
import { accountRoutes } from './accounts/accounts.routes'
import { auditRoutes } from './audit/audit.routes'
import { authRoutes } from './auth/auth.routes'
import { bookingRoutes } from './bookings/bookings.routes'
import { calendarRoutes } from './calendar/calendar.routes'
import { catalogueRoutes } from './catalogue/catalogue.routes'
import { enterpriseRoutes } from './enterprises/enterprises.routes'
import { exchangeRoutes } from './exchange/exchange.routes'
import { followupRoutes } from './followups/followups.routes'
import { hallRoutes } from './halls/halls.routes'
import { healthRoutes } from './health/health.routes'
import { knowledgeRoutes } from './knowledge/knowledge.routes'
import { notificationRoutes } from './notifications/notifications.routes'
import { policyRoutes } from './policies/policies.routes'
import { privacyRoutes } from './privacy/privacy.routes'
import { projectRoutes } from './projects/projects.routes'
import { ratingRoutes } from './ratings/ratings.routes'
import { sessionChangeRoutes } from './session-changes/session-changes.routes'
import { sessionRoutes } from './sessions/sessions.routes'
import { staffRoutes } from './staff/staff.routes'
import { statsRoutes } from './stats/stats.routes'
import { ticketRoutes } from './tickets/tickets.routes'
import { workOrderRoutes } from './work-orders/work-orders.routes'

/**
 * Every feature router, mounted under /api/v1 in this order; each implements its feature's contract
 * (shared/src/contracts/<feature>.ts), whose paths are full paths (no two features share a path).
 */
export const featureRouters: FeatureRouter[] = [
  healthRoutes,
  authRoutes,
  catalogueRoutes,
  hallRoutes,
  calendarRoutes,
  staffRoutes,
  accountRoutes,
  auditRoutes,
  ratingRoutes,
  workOrderRoutes,
  statsRoutes,
  bookingRoutes,
  sessionRoutes,
  sessionChangeRoutes,
  notificationRoutes,
  privacyRoutes,
  exchangeRoutes,
  ticketRoutes,
  knowledgeRoutes,
  followupRoutes,
  enterpriseRoutes,
  policyRoutes,
  projectRoutes,
]
