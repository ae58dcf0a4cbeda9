export { Notification } from './notification.model'
export { notify } from './notifier'
export { deleteNoticesOf } from './personal-data'
export { rewriteNotice } from './personal-data'
