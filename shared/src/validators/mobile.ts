/** Mainland China mobile numbers: 11 digits, 1[3-9]x. An optional +86/86 prefix is accepted and stripped. */
const MOBILE = /^1[3-9]\d{9}$/

export function normalizeMobile(input: string): string {
  return input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '')
}

export function isValidMobile(input: string): boolean {
  return MOBILE.test(normalizeMobile(input))
}

/** 13812345678 → 138****5678 */
export function maskMobile(mobile: string): string {
  const m = normalizeMobile(mobile)
  return m.length === 11 ? `${m.slice(0, 3)}****${m.slice(7)}` : '***'
}

/** 张三 → 张*, 欧阳娜娜 → 欧***, 李 → 李 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) return chars.join('')
  return chars[0] + '*'.repeat(chars.length - 1)
}
