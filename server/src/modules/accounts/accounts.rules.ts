/** Letters and digits without look-alikes (0/O, 1/l/I), so a password read out over the phone is typed right. */
const LOWER = 'abcdefghjkmnpqrstuvwxyz'
const UPPER = 'ABCDEFGHJKMNPQRSTUVWXYZ'
const DIGITS = '23456789'
const ALL = LOWER + UPPER + DIGITS

export const GENERATED_PASSWORD_LENGTH = 12

/**
 * A random password with at least one lower-case letter, one upper-case letter and one digit.
 * `randomInt(n)` must return a uniform integer in [0, n) from a cryptographic source.
 */
export function generatePassword(randomInt: (n: number) => number, length = GENERATED_PASSWORD_LENGTH): string {
  const pick = (set: string) => set[randomInt(set.length)]
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS)]
  while (chars.length < length) chars.push(pick(ALL))
  // Fisher–Yates, so the guaranteed classes are not always in front
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
}
