import type { Role } from '@xz/shared'

export const ADMIN_ROLES: Role[] = ['admin']
