import { calendarContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as calendar from './calendar.service'

export const calendarRoutes = implement(calendarContract, {
  list: ({ query }) => calendar.listCalendar(query.from, query.to),
  years: ({ query }) => calendar.listYears(query.from, query.to),
  listOverrides: () => calendar.listOverrides(),
  putOverride: ({ params, body, auth }) => calendar.putOverride({ ...body, date: params.date }, auth),
  deleteOverride: ({ params, auth }) => calendar.deleteOverride(params.date, auth),
  adminYears: () => calendar.adminYears(),
  publishYear: ({ params, body, auth }) => calendar.publishYear(params.year, body, auth),
  importYear: ({ params, body, auth }) => calendar.importYear(params.year, body.text, body.source, auth),
  unpublishYear: ({ params, auth }) => calendar.unpublishYear(params.year, auth),
})
