import { ERROR_CODES } from '@xz/shared'
import { ApiError } from '@/api/request'
import { DEFAULT_ERROR_MESSAGE, ERROR_MESSAGES, errorMessage } from '@/api/errors'

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
})
