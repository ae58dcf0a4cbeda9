import type { ErrorCode } from '@xz/shared'
import { ApiError } from './request'

export const DEFAULT_ERROR_MESSAGE = '操作失败'

/** What the citizen reads for every code the server can send: a new code in shared/src/errors.ts fails typecheck here. */
export const SERVER_ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '填写内容有误',
  BAD_JSON: '请求格式有误，请重试',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  WECHAT_LOGIN_FAILED: '微信登录失败，请重试',
  REFRESH_TOKEN_REUSED: '登录状态异常，请重新登录',
  ACCOUNT_DISABLED: '账号已停用',
  FORBIDDEN: '无权访问',
  NOT_FOUND: '内容不存在',
  QUEUE_EMPTY: '当前没有等候的人',
  CONFLICT: '操作冲突，请刷新后重试',
  SLOT_FULL: '该时段已约满',
  ALREADY_BOOKED: '您当天已预约该事项',
  ALREADY_CHECKED_IN: '已签到，请勿重复签到',
  ALREADY_WAITLISTED: '您已在候补队列中',
  RATING_EXISTS: '您已评价过',
  DUPLICATE: '请勿重复提交',
  IDEMPOTENCY_MISMATCH: '请求重复，请刷新后重试',
  RULE_VIOLATION: '不符合办理规则',
  BOOKING_TOO_LATE: '需至少提前2小时预约',
  BOOKING_TOO_FAR: '只能预约14天内的时段',
  BOOKING_LIMIT: '您的有效预约已达上限（3个）',
  BOOKING_SUSPENDED: '因多次爽约，预约功能暂停使用',
  SLOT_UNAVAILABLE: '该时段已不可预约',
  SLOT_NOT_FULL: '该时段尚有空位，可直接预约',
  SESSION_CANCELLED: '该场次已取消',
  SERVICE_NOT_OFFERED: '该网点此时段不办理此事项',
  NOT_CANCELLABLE: '已过可取消时间',
  INVALID_STATE: '当前状态不可进行此操作',
  CHECKIN_WINDOW_CLOSED: '不在签到时间内',
  NO_SHOW_TOO_EARLY: '预约时段结束后才能标记爽约',
  NOT_RATABLE: '办结后才能评价',
  RATING_WINDOW_CLOSED: '已超过评价期限（办结后7天）',
  PAYLOAD_TOO_LARGE: '提交内容过大',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  ACCOUNT_LOCKED: '密码错误次数过多，账号已暂时锁定，请稍后再试',
  REQUEST_TIMEOUT: '系统繁忙，请求超时，请稍后再试',
  METHOD_NOT_ALLOWED: '不支持的请求方式',
  UNSUPPORTED_MEDIA_TYPE: '请求格式不正确，请使用 JSON',
  DB_UNAVAILABLE: '服务繁忙，请稍后再试',
  INTERNAL: '系统异常，请稍后再试',
  ENTERPRISE_CLAIMED: '该统一社会信用代码已由其他账号认领，如有疑问请联系发证部门',
  ENTERPRISE_PROFILE_REQUIRED: '请先完善企业画像',
  POLICY_NOT_ELIGIBLE: '暂不符合该政策的申报条件',
  APPLICATION_EXISTS: '该政策已申报，请勿重复提交',
  PRIVACY_AGREEMENT_REQUIRED: '请先阅读并同意《用户协议》和《隐私政策》',
  DEPENDENCY_PENDING: '前置事项尚未办结，暂不能开始办理',
  DEPENDENCY_CYCLE: '前置事项设置形成循环，请检查'
}

/** The one place that turns error codes into what the user reads: the server's codes plus the client's own. */
export const ERROR_MESSAGES: Record<ErrorCode | 'NETWORK_ERROR', string> = {
  ...SERVER_ERROR_MESSAGES,
  NETWORK_ERROR: '网络连接失败，请检查网络'
}

/** Codes whose fixed text says what to do better than the server's technical detail. */
const GENERIC_CODES = new Set<string>(['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'INTERNAL', 'DB_UNAVAILABLE', 'NETWORK_ERROR'])

/** A message written for people (Chinese), as opposed to a bare code or a developer's English text. */
function isReadable(message: string | undefined): message is string {
  return typeof message === 'string' && /[\u4e00-\u9fff]/.test(message)
}

export interface FieldIssue {
  /** dotted path of the request body, e.g. `applicant.phone` */
  path: string
  message: string
}

/** The field-level issues of a VALIDATION_FAILED answer (`details.issues`), readable ones only. */
export function fieldIssues(err: unknown): FieldIssue[] {
  if (!(err instanceof ApiError)) return []
  const issues = (err.details as { issues?: unknown } | undefined)?.issues
  if (!Array.isArray(issues)) return []
  return issues.flatMap((i: unknown) => {
    const { path, message } = (i ?? {}) as { path?: unknown; message?: unknown }
    return typeof path === 'string' && typeof message === 'string' && isReadable(message) ? [{ path, message }] : []
  })
}

/**
 * What the user reads for any thrown value: the server's own message when it is written for people (it names the
 * specific reason, e.g. which rule a login name breaks), else the first field issue, else the code's fixed text.
 */
export function errorMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return DEFAULT_ERROR_MESSAGE
  const [issue] = fieldIssues(err)
  if (issue) return issue.message
  if (!GENERIC_CODES.has(err.code) && isReadable(err.message) && !/^[\w.]+: /.test(err.message)) return err.message
  return ERROR_MESSAGES[err.code] || DEFAULT_ERROR_MESSAGE
}
