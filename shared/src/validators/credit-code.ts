/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from "0-9 A-H J-N P-R T U W-Y"
 * (no I, O, Z, S, V); the 18th is a check character computed modulo 31 over the first 17.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

/** The check character for the first 17 characters, or null when they are not valid code characters. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i])
    if (value < 0) return null
    sum += value * WEIGHTS[i]
  }
  return CHARSET[(31 - (sum % 31)) % 31]
}

export function isValidCreditCode(code: string): boolean {
  const upper = code.toUpperCase()
  if (!SHAPE.test(upper)) return false
  return creditCodeCheckChar(upper.slice(0, 17)) === upper[17]
}
