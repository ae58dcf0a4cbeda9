import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { isValidBookingCode, normalizeBookingCode, type CheckinResult } from '@xz/shared'
import { checkIn, STAFF_ROLES } from '../api'
import { useRoleGuard } from '../lib/guard'
import { GuardPending } from '../lib/GuardPending'
import { actionError, codeFromScan } from '../lib/format'
import { ActionButton } from '../lib/ActionButton'
import { StaffNav } from '../lib/StaffNav'
import '../staff.scss'

/** The H5 build has no camera scanner: codes are typed in. */
const CAN_SCAN = process.env.TARO_ENV !== 'h5'

/** 扫码核验: check a person in by the booking's QR code (WeChat) or by typing the code; issues a queue number. */
export default function StaffCheckin() {
  const me = useRoleGuard(STAFF_ROLES)
  const [code, setCode] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<CheckinResult | null>(null)

  if (!me) return <GuardPending />

  const submit = async (raw: string) => {
    const normalized = normalizeBookingCode(raw)
    setResult(null)
    if (!isValidBookingCode(normalized)) {
      setError('预约码应为8位字母或数字')
      return
    }
    setBusy(true)
    setError('')
    try {
      setResult(await checkIn(normalized))
      setCode('')
    } catch (err) {
      setError(actionError(err))
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      const { result: scanned } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] })
      const scannedCode = codeFromScan(scanned)
      setCode(scannedCode)
      await submit(scannedCode)
    } catch {
      // the user closed the scanner: nothing to do
    }
  }

  return (
    <View className='desk' data-testid='staff-checkin'>
      <View className='desk__header'>
        <Text className='desk__title'>扫码核验</Text>
      </View>
      <StaffNav current='checkin' role={me.role} />

      <View className='desk__card'>
        {CAN_SCAN && (
          <ActionButton variant='primary' testId='checkin-scan' onClick={() => void scan()}>
            扫描预约二维码
          </ActionButton>
        )}
        <View className='desk__field'>
          <Text className='desk__label'>{CAN_SCAN ? '或输入预约码' : '输入预约码'}</Text>
          <Input
            className='desk__input'
            data-testid='checkin-code'
            value={code}
            maxlength={12}
            placeholder='8位预约码，如 7K3M9Q2X'
            onInput={(e) => setCode(e.detail.value)}
            onConfirm={() => void submit(code)}
          />
        </View>
        <ActionButton testId='checkin-submit' disabled={busy} onClick={() => void submit(code)}>
          {busy ? '核验中…' : '核验签到'}
        </ActionButton>
        {error && (
          <Text className='desk__error' data-testid='checkin-error'>
            {error}
          </Text>
        )}
      </View>

      {result && (
        <View className='desk__card' data-testid='checkin-result'>
          <Text className='desk__card-title'>签到成功</Text>
          <Text className='desk__muted'>排队号</Text>
          <Text className='desk__big' data-testid='checkin-queue-number'>
            {result.queueNumber}
          </Text>
          <View className='desk__row'>
            <Text className='desk__muted'>办事人</Text>
            <Text data-testid='checkin-person'>
              {result.booking.applicantName} {result.booking.mobileMasked}
            </Text>
          </View>
          <View className='desk__row'>
            <Text className='desk__muted'>办理事项</Text>
            <Text data-testid='checkin-service'>{result.booking.serviceName}</Text>
          </View>
          <View className='desk__row'>
            <Text className='desk__muted'>预约时段</Text>
            <Text>
              {result.booking.date} {result.booking.start}–{result.booking.end}
            </Text>
          </View>
          {result.booking.enterpriseName && (
            <View className='desk__row'>
              <Text className='desk__muted'>企业</Text>
              <Text>{result.booking.enterpriseName}</Text>
            </View>
          )}
        </View>
      )}
    </View>
  )
}
