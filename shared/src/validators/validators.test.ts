import { creditCodeCheckChar, isValidCreditCode } from './credit-code'
import { isValidMobile, maskMobile, maskName, normalizeMobile } from './mobile'
import { bookingCodeFromBytes, isValidBookingCode, normalizeBookingCode } from './booking-code'

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // published codes of real enterprises
  const valid = ['91440300708461136T', '91330100799655058B', '91350100M000100Y43', '91110108551385082Q']

  it.each(valid)('when the code is %s, then it is valid', (code) => {
    expect(isValidCreditCode(code)).toBe(true)
  })

  it('when a lowercase letter is used, then it is accepted like uppercase', () => {
    expect(isValidCreditCode('91440300708461136t')).toBe(true)
  })

  it.each(valid)('when any single character of %s changes, then the check character catches it', (code) => {
    for (let i = 0; i < 18; i++) {
      const replacement = code[i] === '0' ? '1' : '0'
      const changed = code.slice(0, i) + replacement + code.slice(i + 1)
      expect(isValidCreditCode(changed)).toBe(false)
    }
  })

  it('when the code has a forbidden letter, the wrong length or region digits, then it is invalid', () => {
    expect(isValidCreditCode('91440300708461136')).toBe(false)
    expect(isValidCreditCode('91440300708461136TT')).toBe(false)
    expect(isValidCreditCode('9144030070846113IT')).toBe(false)
    expect(isValidCreditCode('91A40300708461136T')).toBe(false)
    expect(isValidCreditCode('')).toBe(false)
  })

  it('computes the check character from the first 17 characters', () => {
    expect(creditCodeCheckChar('91440300708461136')).toBe('T')
    expect(creditCodeCheckChar('9144030070846113')).toBeNull()
    expect(creditCodeCheckChar('9144030070846113I')).toBeNull()
  })
})

describe('mobile numbers', () => {
  it('accepts mainland mobile numbers with or without +86 and separators', () => {
    expect(isValidMobile('13812345678')).toBe(true)
    expect(isValidMobile('+86 138-1234-5678')).toBe(true)
    expect(normalizeMobile('+8613812345678')).toBe('13812345678')
  })

  it('rejects landlines, short numbers and 12x prefixes', () => {
    expect(isValidMobile('03503336789')).toBe(false)
    expect(isValidMobile('1381234567')).toBe(false)
    expect(isValidMobile('12812345678')).toBe(false)
    expect(isValidMobile('138123456789')).toBe(false)
  })

  it('masks numbers and names for lists', () => {
    expect(maskMobile('13812345678')).toBe('138****5678')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
  })
})

describe('booking codes (Crockford base32)', () => {
  it('builds 8-character codes from random bytes', () => {
    const code = bookingCodeFromBytes([0, 1, 2, 3, 31, 32, 255, 17])
    expect(code).toBe('0123Z0ZH')
    expect(isValidBookingCode(code)).toBe(true)
  })

  it('normalises look-alikes and separators typed by hand', () => {
    expect(normalizeBookingCode('abcd-efgo')).toBe('ABCDEFG0')
    expect(normalizeBookingCode('il')).toBe('11')
    expect(isValidBookingCode('ABCDEFGU')).toBe(false)
    expect(isValidBookingCode('ABC')).toBe(false)
  })
})
