import type { Me, Role } from '@xz/shared'
import { useRoleGuard } from '../../staff/lib/guard'

/**
 * Lets a 项目长/代办员 screen ('agent') or an administrator screen ('admin') open only for that role: without a
 * session, or with another account, the user lands on the staff login page with the reason shown there.
 * Resolves to the signed-in account.
 */
export function useProjectGuard(role: Extract<Role, 'agent' | 'admin'>): Me | null {
  return useRoleGuard(
    [role],
    role === 'admin' ? { toast: '该功能仅限管理员使用', reason: 'admin' } : { toast: '该功能仅限项目长、代办员使用', reason: 'forbidden' }
  )
}
