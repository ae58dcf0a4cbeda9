import { hallContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as halls from './halls.service'

export const hallRoutes = implement(hallContract, {
  list: ({ query }) => halls.listHalls(query),
  get: ({ params }) => halls.getHall(params.id),
  adminList: ({ query, auth }) => halls.listHallsAdmin(query, auth),
  create: ({ body, auth }) => halls.createHall(body, auth),
  update: ({ params, body, auth }) => halls.updateHall(params.id, body, auth),
  archive: ({ params, auth }) => halls.archiveHall(params.id, auth),
})
