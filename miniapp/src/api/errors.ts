import { ApiError, type ApiErrorCode } from './request'

export const DEFAULT_ERROR_MESSAGE = '操作失败'

/** The one place that turns error codes into what the citizen reads. */
export const ERROR_MESSAGES: Partial<Record<ApiErrorCode, string>> = {
  VALIDATION_FAILED: '填写内容有误',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '无权访问',
  NOT_FOUND: '内容不存在',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  WECHAT_LOGIN_FAILED: '微信登录失败，请重试',
  ACCOUNT_DISABLED: '账号已停用',
  CONFLICT: '操作冲突，请刷新后重试',
  SLOT_FULL: '该时段已约满',
  ALREADY_BOOKED: '您当天已预约该事项',
  BOOKING_LIMIT: '您的有效预约已达上限（3个）',
  BOOKING_SUSPENDED: '因多次爽约，预约功能暂停使用',
  BOOKING_TOO_LATE: '需至少提前2小时预约',
  BOOKING_TOO_FAR: '只能预约14天内的时段',
  SLOT_UNAVAILABLE: '该时段已不可预约',
  SESSION_CANCELLED: '该场次已取消',
  SERVICE_NOT_OFFERED: '该网点此时段不办理此事项',
  ALREADY_WAITLISTED: '您已在候补队列中',
  IDEMPOTENCY_MISMATCH: '请求重复，请刷新后重试',
  RULE_VIOLATION: '不符合办理规则',
  INVALID_STATE: '当前状态不可进行此操作',
  NOT_CANCELLABLE: '已过可取消时间',
  CHECKIN_WINDOW_CLOSED: '不在签到时间内',
  RATING_EXISTS: '您已评价过',
  NOT_RATABLE: '办结后才能评价',
  RATING_WINDOW_CLOSED: '已超过评价期限（办结后7天）',
  DUPLICATE: '请勿重复提交',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  DB_UNAVAILABLE: '服务繁忙，请稍后再试',
  NETWORK_ERROR: '网络连接失败，请检查网络',
  INTERNAL: '系统异常，请稍后再试'
}

/** Chinese message for any thrown value (ApiError by code, anything else the default). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return ERROR_MESSAGES[err.code] ?? DEFAULT_ERROR_MESSAGE
  return DEFAULT_ERROR_MESSAGE
}
