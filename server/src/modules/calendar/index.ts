export { makeCalendar } from './calendar.rules'
export { currentCalendar } from './calendar.service'
