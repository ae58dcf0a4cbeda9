/** Booking codes: 8 characters of Crockford base32 (0-9, A-Z without I, L, O, U). */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const BOOKING_CODE = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$/

/** Uppercases and maps the look-alikes Crockford allows (I/L → 1, O → 0), dropping separators. */
export function normalizeBookingCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0')
}

export function isValidBookingCode(input: string): boolean {
  return BOOKING_CODE.test(normalizeBookingCode(input))
}

/** Builds a code from 8 random bytes (the caller supplies randomness: crypto on the server). */
export function bookingCodeFromBytes(bytes: ArrayLike<number>): string {
  let out = ''
  for (let i = 0; i < 8; i++) out += CROCKFORD_ALPHABET[bytes[i] & 31]
  return out
}
