import { config } from 'zod'

// WeChat mini-programs forbid eval/new Function. zod v4 compiles a fast path for z.object() with
// `new Function` unless jitless is set. The flag is read when a schema is *created*, so this module
// must be imported before any module that builds schemas (index.ts imports it first).
config({ jitless: true })
