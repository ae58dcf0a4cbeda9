import { ERROR_CODES } from '@xz/shared'
import { ApiError } from '@/api/request'
import { DEFAULT_ERROR_MESSAGE, ERROR_MESSAGES, errorMessage, fieldIssues } from '@/api/errors'

describe('api/errors', () => {
  it.each(ERROR_CODES)('when the server answers %s, then the user reads its own non-empty Chinese message', (code) => {
    expect(ERROR_MESSAGES[code]?.trim()).toBeTruthy()
    expect(errorMessage(new ApiError(code, 400, code))).toBe(ERROR_MESSAGES[code])
    expect(errorMessage(new ApiError(code, 400, code))).not.toBe(DEFAULT_ERROR_MESSAGE)
  })

  it('when the server is unreachable or something else is thrown, then the network or the default message is shown', () => {
    expect(errorMessage(new ApiError('NETWORK_ERROR', 0, 'offline'))).toBe('网络连接失败，请检查网络')
    expect(errorMessage(new Error('boom'))).toBe(DEFAULT_ERROR_MESSAGE)
  })

  it('when the server explains the refusal in Chinese, then its own message is shown rather than the fixed text', () => {
    const nickname = new ApiError('WECHAT_LOGIN_FAILED', 401, '开发登录码只能包含字母、数字、_ 和 -')
    expect(errorMessage(nickname)).toBe('开发登录码只能包含字母、数字、_ 和 -')
    expect(errorMessage(new ApiError('BOOKING_LIMIT', 409, '每人最多同时持有 3 个有效预约'))).toBe('每人最多同时持有 3 个有效预约')
    // generic technical texts keep the table's advice
    expect(errorMessage(new ApiError('INTERNAL', 500, '系统异常，请稍后再试'))).toBe(ERROR_MESSAGES.INTERNAL)
  })

  it('when a validation error names fields, then each readable issue is kept with its path and the first one is the message', () => {
    const err = new ApiError('VALIDATION_FAILED', 400, 'enterprise.creditCode: 统一社会信用代码校验不通过', {
      issues: [
        { path: 'enterprise.creditCode', message: '统一社会信用代码校验不通过' },
        { path: 'note', message: 'Too big' }
      ]
    })
    expect(fieldIssues(err)).toEqual([{ path: 'enterprise.creditCode', message: '统一社会信用代码校验不通过' }])
    expect(errorMessage(err)).toBe('统一社会信用代码校验不通过')
    expect(fieldIssues(new Error('x'))).toEqual([])
  })
})
