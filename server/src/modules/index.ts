import type { ApiRouter } from '../lib/routes'
import { authRoutes, meRoutes } from './auth/auth.routes'
import { healthRoutes } from './health/health.routes'
import { adminCalendarRoutes, calendarRoutes } from './calendar/calendar.routes'
import { adminBundleRoutes, adminDepartmentRoutes, adminServiceRoutes, bundleRoutes, departmentRoutes, regionRoutes, serviceRoutes, themeRoutes } from './catalogue/catalogue.routes'
import { adminHallRoutes, hallRoutes } from './halls/halls.routes'
import { staffRoutes } from './staff/staff.routes'
import { accountRoutes } from './accounts/accounts.routes'
import { auditRoutes } from './audit/audit.routes'
import { ratingRoutes, staffRatingRoutes } from './ratings/ratings.routes'
import { adminWorkOrderRoutes, staffWorkOrderRoutes, workOrderRoutes } from './work-orders/work-orders.routes'
import { statsRoutes } from './stats/stats.routes'

import { bookingRoutes } from './bookings/bookings.routes'
import { sessionAdminRoutes, sessionRuleRoutes, slotRoutes } from './sessions/sessions.routes'
import { notificationRoutes } from './notifications/notifications.routes'
import { privacyRoutes } from './privacy/privacy.routes'
import { adminExchangeRoutes } from './exchange/exchange.routes'
import { knowledgeRoutes, ticketKnowledgeRoutes } from './knowledge/knowledge.routes'
import { adminTicketAccountRoutes, adminTicketCategoryRoutes, adminTicketRoutes, adminTicketStatsRoutes, dispatchRoutes, handlerRoutes, ticketCategoryRoutes, ticketRoutes } from './tickets/tickets.routes'
import { myEnterpriseRoutes } from './enterprises/enterprises.routes'
import { adminPolicyApplicationRoutes, adminPolicyReportRoutes, adminPolicyRoutes, policyRoutes } from './policies/policies.routes'
/** Every feature router, mounted under /api/v1 in this order. */
export const featureRouters: ApiRouter[] = [healthRoutes, authRoutes, meRoutes, serviceRoutes, bundleRoutes, regionRoutes, departmentRoutes, themeRoutes, hallRoutes, calendarRoutes, adminServiceRoutes, adminBundleRoutes, adminDepartmentRoutes, adminHallRoutes, adminCalendarRoutes, staffRoutes, accountRoutes, auditRoutes, ratingRoutes, staffRatingRoutes, staffWorkOrderRoutes, workOrderRoutes, adminWorkOrderRoutes, statsRoutes, slotRoutes, bookingRoutes, sessionRuleRoutes, sessionAdminRoutes, notificationRoutes, privacyRoutes, adminExchangeRoutes, ticketCategoryRoutes, ticketRoutes, dispatchRoutes, handlerRoutes, adminTicketRoutes, adminTicketCategoryRoutes, adminTicketAccountRoutes, adminTicketStatsRoutes, knowledgeRoutes, ticketKnowledgeRoutes]
// 周末办 and 待评价 (issue 12c)
import { pendingRatingRoutes, weekendRoutes } from './followups/followups.routes'
featureRouters.push(weekendRoutes, pendingRatingRoutes)
featureRouters.push(myEnterpriseRoutes, policyRoutes, adminPolicyRoutes, adminPolicyApplicationRoutes, adminPolicyReportRoutes)
// 全代办 / 项目长: investment projects (issue 17)
import { adminProjectAccountRoutes, adminProjectRoutes, adminProjectTemplateRoutes, agentProjectRoutes, projectRoutes } from './projects/projects.routes'
featureRouters.push(projectRoutes, agentProjectRoutes, adminProjectTemplateRoutes, adminProjectRoutes, adminProjectAccountRoutes)
