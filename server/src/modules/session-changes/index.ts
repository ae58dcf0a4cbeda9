// A use case across features: its routes and job are assembled by the composition root (modules/index.ts, jobs.ts); nothing here is for other features.
export {}
