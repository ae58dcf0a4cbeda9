import { isValidCreditCode, isValidMobile } from '@xz/shared'

export interface ApplicantForm {
  name: string
  phone: string
  withEnterprise: boolean
  enterpriseName: string
  creditCode: string
  note: string
}

export type ApplicantErrors = Partial<Record<keyof ApplicantForm, string>>

export const EMPTY_APPLICANT: ApplicantForm = {
  name: '', phone: '', withEnterprise: false, enterpriseName: '', creditCode: '', note: ''
}

export function mobileError(phone: string): string | undefined {
  if (!phone.trim()) return '请填写手机号码'
  return isValidMobile(phone.trim()) ? undefined : '请输入正确的手机号码'
}

export function creditCodeError(code: string): string | undefined {
  const value = code.trim().toUpperCase()
  if (!value) return '请填写统一社会信用代码'
  if (value.length !== 18) return `统一社会信用代码为18位（已输入${value.length}位）`
  return isValidCreditCode(value) ? undefined : '统一社会信用代码校验不通过'
}

export function enterpriseNameError(name: string): string | undefined {
  return name.trim().length >= 2 ? undefined : '请填写企业名称'
}

/** Live validation of the booking form: a field shows its error once it has content (or on submit). */
export function validateApplicant(form: ApplicantForm): ApplicantErrors {
  const errors: ApplicantErrors = {}
  if (!form.name.trim()) errors.name = '请填写姓名'
  const phone = mobileError(form.phone)
  if (phone) errors.phone = phone
  if (form.withEnterprise) {
    const name = enterpriseNameError(form.enterpriseName)
    if (name) errors.enterpriseName = name
    const code = creditCodeError(form.creditCode)
    if (code) errors.creditCode = code
  }
  if (form.note.length > 200) errors.note = '备注不超过200字'
  return errors
}
