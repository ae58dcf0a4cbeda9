import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { HallSummary } from '@xz/shared'
import { isLoggedIn, isWeapp, updateMe } from '@/api/auth'
import { fetchBooking, fetchEligibility, type Booking, type BookingEligibility, type Slot, type WaitlistEntry } from '@/api/bookings'
import { errorMessage, fieldIssues } from '@/api/errors'
import { clearDraft, loadDraft, saveDraft } from '@/utils/draft'
import { goLogin } from '@/utils/loginReturn'
import { ensureAgreement } from '@/api/privacy'
import { scrollToAnchor } from '@/utils/scroll'
import { EMPTY_APPLICANT, validateApplicant, type ApplicantErrors, type ApplicantForm } from '@/utils/validation'
import { useAccount } from './useAuth'
import { useAsync } from './useAsync'
import { useBookingDays, useBookingSubmit } from './useBookings'
import { useNearbyHalls } from './useHalls'

/** Where on the booking page a problem is shown (each area has an element id to scroll to). */
export type BookingArea = 'top' | 'hall' | 'date' | 'slot' | 'form' | 'submit'
export const AREA_ANCHORS: Record<BookingArea, string> = {
  top: 'book-top',
  hall: 'book-halls',
  date: 'book-days',
  slot: 'book-slots',
  form: 'book-form',
  submit: 'book-submit-message'
}
export const FIELD_ANCHORS: Record<keyof ApplicantForm, string> = {
  name: 'book-field-name',
  phone: 'book-field-phone',
  withEnterprise: 'book-field-enterprise',
  enterpriseName: 'book-field-enterprise-name',
  creditCode: 'book-field-credit-code',
  note: 'book-field-note'
}
const FIELD_ORDER: (keyof ApplicantForm)[] = ['name', 'phone', 'enterpriseName', 'creditCode', 'note']

/** Request body paths of POST /bookings and /slots/:id/waitlist → the form field they concern. */
const FIELD_BY_PATH: Record<string, keyof ApplicantForm> = {
  applicant: 'name',
  'applicant.name': 'name',
  'applicant.phone': 'phone',
  enterprise: 'enterpriseName',
  'enterprise.name': 'enterpriseName',
  'enterprise.creditCode': 'creditCode',
  note: 'note'
}
/** Codes about the chosen slot, shown at the slot list (the slot is deselected and the list refreshed). */
const SLOT_CODES = new Set([
  'SLOT_FULL', 'SLOT_UNAVAILABLE', 'SESSION_CANCELLED', 'BOOKING_TOO_LATE', 'BOOKING_TOO_FAR', 'SERVICE_NOT_OFFERED', 'SLOT_NOT_FULL',
  'ALREADY_WAITLISTED'
])
/** Codes about the person rather than this booking, shown at the top before anything else. */
const TOP_CODES = new Set(['BOOKING_LIMIT', 'BOOKING_SUSPENDED', 'UNAUTHENTICATED', 'TOKEN_EXPIRED', 'REFRESH_TOKEN_REUSED'])

export type BookingMode = 'book' | 'waitlist'

export interface Problem {
  area: BookingArea
  message: string
  code?: string
}

interface Draft {
  hallId?: string
  date?: string
  slotId?: string
  mode: BookingMode
  form: ApplicantForm
  saveEnterprise: boolean
}

const NO_LOCATION = { status: 'denied' } as const

export interface BookingFormParams {
  serviceId?: string
  hallId?: string
  rescheduleId?: string
  /** 重新预约: the earlier booking whose applicant and enterprise prefill the form */
  fromBookingId?: string
  bundleId?: string
}

/** The page's own URL, to come back to after signing in. */
function pageUrl(p: BookingFormParams): string {
  const q = Object.entries({ serviceId: p.serviceId, hallId: p.hallId, from: p.fromBookingId, bundleId: p.bundleId })
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
  return `/pages/book/index${q.length ? `?${q.join('&')}` : ''}`
}

/**
 * Everything the booking page holds: the chosen point, day and slot; the applicant form (prefilled from the profile
 * and the earlier booking, kept as a draft across a sign-in); booking or joining the waitlist; and where each
 * problem is shown (the server's own message at the field or section it concerns, scrolled into view).
 */
export function useBookingForm(params: BookingFormParams) {
  const { serviceId, rescheduleId, fromBookingId } = params
  const draftKey = `book:${serviceId ?? ''}`
  const restored = useRef<Draft | undefined>(rescheduleId ? undefined : loadDraft<Draft>(draftKey))
  const draft = restored.current

  const halls = useNearbyHalls(NO_LOCATION, '', undefined, serviceId)
  const [hallId, setHallId] = useState<string | undefined>(draft?.hallId ?? params.hallId)
  const [choosingHall, setChoosingHall] = useState(false)
  const days = useBookingDays(hallId, serviceId)
  const [date, setDate] = useState<string | undefined>(draft?.date)
  const [slot, setSlot] = useState<Slot | undefined>(undefined)
  const pendingSlotId = useRef<string | undefined>(draft?.slotId)
  const [mode, setMode] = useState<BookingMode>(draft?.mode ?? 'book')
  const [form, setForm] = useState<ApplicantForm>(draft?.form ?? EMPTY_APPLICANT)
  const [saveEnterprise, setSaveEnterprise] = useState(draft?.saveEnterprise ?? false)
  const [submitted, setSubmitted] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [serverErrors, setServerErrors] = useState<ApplicantErrors>({})
  const [problem, setProblem] = useState<Problem | null>(null)
  const [joined, setJoined] = useState<WaitlistEntry | null>(null)
  const { submitting, submit, waitlist } = useBookingSubmit()
  const { me } = useAccount()
  const loggedIn = isLoggedIn() || isWeapp()
  const [eligibilityVersion, setEligibilityVersion] = useState(0)
  const eligibility = useAsync<BookingEligibility>(() => fetchEligibility(serviceId), [serviceId, eligibilityVersion], loggedIn && !rescheduleId)
  const earlier = useAsync<Booking>(() => fetchBooking(fromBookingId ?? ''), [fromBookingId], Boolean(fromBookingId) && loggedIn)

  // prefill the empty fields: profile first, then the earlier booking (重新预约)
  useEffect(() => {
    const profile = me.data
    const before = earlier.data
    if (!profile && !before) return
    setForm((f) => {
      const enterprise = profile?.enterprise ?? before?.enterprise
      return {
        ...f,
        name: f.name || profile?.name || before?.applicant.name || '',
        phone: f.phone || profile?.mobile || before?.applicant.phone || '',
        withEnterprise: f.withEnterprise || Boolean(enterprise),
        enterpriseName: f.enterpriseName || enterprise?.name || '',
        creditCode: f.creditCode || enterprise?.creditCode || ''
      }
    })
  }, [me.data, earlier.data])

  // keep the draft (restored after a sign-in); the page clears it once booked
  useEffect(() => {
    if (rescheduleId || !serviceId) return
    saveDraft<Draft>(draftKey, { hallId, date, slotId: slot?.id ?? pendingSlotId.current, mode, form, saveEnterprise })
  }, [draftKey, rescheduleId, serviceId, hallId, date, slot?.id, mode, form, saveEnterprise])

  // preselect the first point with off-hours sessions
  const hallList: HallSummary[] = halls.data ?? []
  useEffect(() => {
    if (!hallId && hallList.length > 0) setHallId((hallList.find((h) => h.hasOffHours) ?? hallList[0]).id)
  }, [hallId, hallList])

  // first day with free seats (unless the draft's day is still on the calendar)
  useEffect(() => {
    if (!days.data) return
    if (!date || !days.data.some((d) => d.date === date)) {
      setDate((days.data.find((d) => d.remaining > 0) ?? days.data.find((d) => d.slots.length > 0))?.date)
    }
  }, [days.data, date])

  const selectedDay = useMemo(() => days.data?.find((d) => d.date === date), [days.data, date])

  // the draft's slot, once the slots are loaded: reselected while it still fits the mode
  useEffect(() => {
    const id = pendingSlotId.current
    if (!id || !selectedDay) return
    pendingSlotId.current = undefined
    const again = selectedDay.slots.find((s) => s.id === id)
    if (!again) return
    const full = again.remaining <= 0
    if (full === (mode === 'waitlist')) setSlot(again)
    else if (!full) {
      setMode('book')
      setSlot(again)
    }
  }, [selectedDay, mode])

  const clientErrors = validateApplicant(form)
  const errors: ApplicantErrors = { ...clientErrors, ...serverErrors }
  const selectedHall = hallList.find((h) => h.id === hallId)
  const needLogin = !loggedIn
  const blocked = eligibility.data && !eligibility.data.canBook ? eligibility.data.reason : undefined
  const bookedDates = useMemo(() => new Set(eligibility.data?.bookedDates ?? []), [eligibility.data])

  const show = useCallback((p: Problem, anchor?: string) => {
    setProblem(p)
    scrollToAnchor(anchor ?? AREA_ANCHORS[p.area])
  }, [])

  const set = useCallback((patch: Partial<ApplicantForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    // editing a field withdraws the server's objection to it
    setServerErrors((e) => {
      const next = { ...e }
      for (const key of Object.keys(patch) as (keyof ApplicantForm)[]) delete next[key]
      return next
    })
  }, [])

  const selectHall = useCallback((id: string) => {
    setHallId(id)
    setChoosingHall(false)
    setDate(undefined)
    setSlot(undefined)
    setProblem(null)
  }, [])

  const selectDate = useCallback((d: string) => {
    setDate(d)
    setSlot(undefined)
    setProblem(null)
  }, [])

  const selectSlot = useCallback((s: Slot) => {
    // the limit is known before the form: no form to fill that could not be sent
    if (blocked && !rescheduleId) return show({ area: 'top', message: blocked.message, code: blocked.code })
    setMode('book')
    setSlot(s)
    setJoined(null)
    setProblem(null)
  }, [blocked, rescheduleId, show])

  /** 已约满 · 候补: the full slot is chosen for the waitlist and the form asks who is waiting. */
  const chooseWaitlist = useCallback((s: Slot) => {
    setMode('waitlist')
    setSlot(s)
    setJoined(null)
    setProblem(null)
    scrollToAnchor(AREA_ANCHORS.form)
  }, [])

  const login = useCallback(() => {
    saveDraft<Draft>(draftKey, { hallId, date, slotId: slot?.id, mode, form, saveEnterprise })
    goLogin(pageUrl(params))
  }, [draftKey, hallId, date, slot?.id, mode, form, saveEnterprise, params])

  /** Shows a refusal where it belongs. */
  const showFailure = useCallback(
    (err: unknown, message: string, code: string | undefined) => {
      const issues = fieldIssues(err)
      if (code === 'VALIDATION_FAILED' && issues.length > 0) {
        const byField: ApplicantErrors = {}
        const other: string[] = []
        for (const issue of issues) {
          const field = FIELD_BY_PATH[issue.path]
          if (field) byField[field] ??= issue.message
          else if (issue.path === 'slotId') return show({ area: 'slot', message: issue.message, code })
          else other.push(issue.message)
        }
        const first = FIELD_ORDER.find((f) => byField[f])
        if (first) {
          setServerErrors(byField)
          setSubmitted(true)
          setProblem(null)
          scrollToAnchor(FIELD_ANCHORS[first])
          return
        }
        return show({ area: 'submit', message: other[0] ?? message, code })
      }
      if (code && SLOT_CODES.has(code)) {
        // the chosen slot cannot be had: deselect it and show the seats as they are now
        setSlot(undefined)
        days.reload()
        return show({ area: 'slot', message, code })
      }
      if (code === 'ALREADY_BOOKED') {
        setSlot(undefined)
        setEligibilityVersion((v) => v + 1)
        return show({ area: 'date', message, code })
      }
      if (code && TOP_CODES.has(code)) {
        setEligibilityVersion((v) => v + 1)
        return show({ area: 'top', message, code })
      }
      return show({ area: 'submit', message, code })
    },
    [days, show]
  )

  const onSubmit = useCallback(() => {
    setSubmitted(true)
    setProblem(null)
    if (needLogin) return show({ area: 'top', message: '预约前请先登录', code: 'UNAUTHENTICATED' })
    if (blocked && mode === 'book' && !rescheduleId) return show({ area: 'top', message: blocked.message, code: blocked.code })
    if (!slot) return show({ area: 'slot', message: '请选择预约时段' })
    if (!rescheduleId) {
      const first = FIELD_ORDER.find((f) => errors[f])
      if (first) return scrollToAnchor(FIELD_ANCHORS[first])
    }
    setConfirming(true)
  }, [needLogin, blocked, mode, rescheduleId, slot, errors, show])

  /** Confirmed: books (or joins the waitlist); resolves with the new booking, if one was made. */
  const onConfirm = useCallback(async (): Promise<Booking | undefined> => {
    if (!slot || !serviceId) return undefined
    // name, mobile and credit code only after agreement to the 用户协议 and 隐私政策 (recorded on the server)
    if (!rescheduleId && !(await ensureAgreement().catch(() => false))) {
      setConfirming(false)
      show({ area: 'submit', message: '同意《用户协议》和《隐私政策》后才能提交', code: 'PRIVACY_AGREEMENT_REQUIRED' })
      return undefined
    }
    if (mode === 'waitlist') {
      const result = await waitlist(slot, serviceId, form)
      setConfirming(false)
      if (!result.ok) {
        showFailure(result.error, result.message, result.code)
        return undefined
      }
      setJoined(result.entry)
      clearDraft(draftKey)
      scrollToAnchor(AREA_ANCHORS.submit)
      return undefined
    }
    const result = await submit(slot, serviceId, form, rescheduleId)
    setConfirming(false)
    if (!result.ok) {
      showFailure(result.error, result.message, result.code)
      return undefined
    }
    clearDraft(draftKey)
    if (saveEnterprise && form.withEnterprise) {
      // best effort: the booking is made whether or not the profile could be updated
      await updateMe({ enterprise: { name: form.enterpriseName.trim(), creditCode: form.creditCode.trim().toUpperCase() } }).catch(
        (err: unknown) => setProblem({ area: 'submit', message: `企业信息未能保存：${errorMessage(err)}` })
      )
    }
    return result.booking
  }, [slot, serviceId, mode, waitlist, form, draftKey, submit, rescheduleId, saveEnterprise, showFailure, show])

  const profileEnterprise = me.data?.enterprise
  const canSaveEnterprise =
    loggedIn &&
    form.withEnterprise &&
    !clientErrors.enterpriseName &&
    !clientErrors.creditCode &&
    (profileEnterprise?.creditCode !== form.creditCode.trim().toUpperCase() || profileEnterprise?.name !== form.enterpriseName.trim())

  return {
    halls, hallList, hallId, selectedHall, choosingHall, setChoosingHall, selectHall,
    days, date, selectedDay, selectDate, bookedDates,
    slot, mode, selectSlot, chooseWaitlist,
    form, set, errors, submitted, saveEnterprise, setSaveEnterprise, canSaveEnterprise,
    needLogin, login, eligibility: eligibility.data, blocked,
    problem, confirming, setConfirming, submitting, onSubmit, onConfirm, joined
  }
}

