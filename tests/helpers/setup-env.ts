// Runs before every test file, before it imports the server: the configuration is read lazily on first use.
process.env.NODE_ENV = 'test'
process.env.JWT_SECRET ??= 'test-secret-0123456789abcdef'
process.env.LOG_LEVEL ??= 'silent'
process.env.JOBS = 'false'
process.env.SEED = 'false'
delete process.env.WECHAT_APPID
delete process.env.WECHAT_SECRET
// Rate limits would throttle the many sign-ins of unrelated tests; tests/api/rate-limits.test.ts turns them on.
process.env.RATE_LIMITS ??= 'false'
// A shared 2-core test machine can be slow: heavy parallel tests (200 bookings through 2 processes) should not meet the 10 s production request limit.
process.env.REQUEST_TIMEOUT_MS ??= '120000'
