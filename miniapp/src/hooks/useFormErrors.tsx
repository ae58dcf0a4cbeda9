import { useState } from 'react'
import { Text } from '@tarojs/components'
import { actionError, fieldErrors } from '../staff/lib/format'

/** The errors and saving state of a desk form (category, knowledge entry, 转为知识条目): the server's message of
 *  each field under that field, and a message without a field under '_', for the form as a whole. */
export function useFormErrors(testIdPrefix: string) {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)

  /** Saves: the old errors go, the buttons wait, and a refusal is spread over the fields (given to onRefused too). */
  const run = async (save: () => Promise<void>, onRefused?: (byField: Record<string, string>) => void) => {
    setErrors({})
    setSaving(true)
    try {
      await save()
    } catch (err) {
      const byField = fieldErrors(err)
      const shown = Object.keys(byField).length ? byField : { _: actionError(err) }
      setErrors(shown)
      onRefused?.(shown)
    } finally {
      setSaving(false)
    }
  }

  const fieldError = (field: string) =>
    errors[field] ? (
      <Text className='desk__field-error' data-testid={`${testIdPrefix}-error-${field}`}>
        {errors[field]}
      </Text>
    ) : null

  return { errors, setErrors, saving, run, fieldError }
}
