import {
  CalendarListSchema,
  CalendarOverrideBodySchema,
  CalendarOverrideListSchema,
  CalendarOverrideSchema,
  CalendarQuerySchema,
  DateParamsSchema,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as calendar from './calendar.service'

export const calendarRoutes = new ApiRouter('/calendar', 'calendar').get(
  '/',
  { summary: 'Day types of a date range (at most 366 days); official:false beyond the published schedule', query: CalendarQuerySchema, response: CalendarListSchema },
  ({ query }) => calendar.listCalendar(query.from, query.to),
)

export const adminCalendarRoutes = new ApiRouter('/admin/calendar', 'admin')
  .get('/overrides', { summary: 'Calendar overrides', auth: ['admin'], response: CalendarOverrideListSchema }, () => calendar.listOverrides())
  .put(
    '/overrides/:date',
    { summary: 'Set the override of a date', auth: ['admin'], params: DateParamsSchema, body: CalendarOverrideBodySchema, response: CalendarOverrideSchema },
    ({ params, body, auth }) => calendar.putOverride({ ...body, date: params.date }, auth),
  )
  .delete(
    '/overrides/:date',
    { summary: 'Remove the override of a date', auth: ['admin'], params: DateParamsSchema, status: 204 },
    ({ params, auth }) => calendar.deleteOverride(params.date, auth),
  )
