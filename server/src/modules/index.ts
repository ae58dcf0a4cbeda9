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
import { myEnterpriseRoutes } from './enterprises/enterprises.routes'
import { adminPolicyApplicationRoutes, adminPolicyReportRoutes, adminPolicyRoutes, policyRoutes } from './policies/policies.routes'
/** Every feature router, mounted under /api/v1 in this order. */
export const featureRouters: ApiRouter[] = [healthRoutes, authRoutes, meRoutes, serviceRoutes, bundleRoutes, regionRoutes, departmentRoutes, themeRoutes, hallRoutes, calendarRoutes, adminServiceRoutes, adminBundleRoutes, adminDepartmentRoutes, adminHallRoutes, adminCalendarRoutes, staffRoutes, accountRoutes, auditRoutes, ratingRoutes, staffRatingRoutes, staffWorkOrderRoutes, workOrderRoutes, adminWorkOrderRoutes, statsRoutes, slotRoutes, bookingRoutes, sessionRuleRoutes, sessionAdminRoutes, notificationRoutes]
featureRouters.push(myEnterpriseRoutes, policyRoutes, adminPolicyRoutes, adminPolicyApplicationRoutes, adminPolicyReportRoutes)
