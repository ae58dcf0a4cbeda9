import {
  CalendarListSchema,
  CalendarOverrideBodySchema,
  CalendarOverrideListSchema,
  CalendarOverrideSchema,
  CalendarQuerySchema,
  DateParamsSchema,
  AdminHolidayYearsSchema,
  HolidayImportBodySchema,
  HolidayScheduleInputSchema,
  HolidayYearListSchema,
  HolidayYearStatusSchema,
  HolidayYearsQuerySchema,
  YearParamsSchema,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as calendar from './calendar.service'

export const calendarRoutes = new ApiRouter('/calendar', 'calendar').get(
  '/',
  { summary: 'Day types of a date range (at most 366 days); in years without a published schedule the statutory days come by rule, official:false, provisional:true', query: CalendarQuerySchema, response: CalendarListSchema },
  ({ query }) => calendar.listCalendar(query.from, query.to),
).get(
  '/years',
  { summary: 'Per year: official (published) or provisional (statutory days by rule), with its holidays and 调休 days', query: HolidayYearsQuerySchema, response: HolidayYearListSchema },
  ({ query }) => calendar.listYears(query.from, query.to),
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
  .get('/years', { summary: 'Last, this and next year: official or provisional, plus the November notice', auth: ['admin'], response: AdminHolidayYearsSchema }, () =>
    calendar.adminYears(),
  )
  .put(
    '/years/:year',
    { summary: 'Enter the published schedule of a year (holiday ranges + 调休 workdays); replaces its provisional days', auth: ['admin'], params: YearParamsSchema, body: HolidayScheduleInputSchema, response: HolidayYearStatusSchema },
    ({ params, body, auth }) => calendar.publishYear(params.year, body, auth),
  )
  .post(
    '/years/:year/import',
    { summary: 'Import the published schedule of a year from a text/CSV paste (类型,名称,开始日期[,结束日期])', auth: ['admin'], params: YearParamsSchema, body: HolidayImportBodySchema, response: HolidayYearStatusSchema },
    ({ params, body, auth }) => calendar.importYear(params.year, body.text, body.source, auth),
  )
  .delete(
    '/years/:year',
    { summary: 'Withdraw the entered schedule of a year', auth: ['admin'], params: YearParamsSchema, status: 204 },
    ({ params, auth }) => calendar.unpublishYear(params.year, auth),
  )
