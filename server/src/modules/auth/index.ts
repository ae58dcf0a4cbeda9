export { Account, type AccountDoc, User } from './auth.model'
export { revokeAccountSessions, revokeUserSessions, unlockUsername } from './auth.service'
export { createAccountRecord, eraseUser, recordAgreement, setAccountPassword, updateAccountRecord, type NewAccount } from './identities'
export { requireAgreement } from './agreement'
