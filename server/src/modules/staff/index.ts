export { checkInById } from './checkin.service'
export { markNoShow, serve } from './desk.service'
