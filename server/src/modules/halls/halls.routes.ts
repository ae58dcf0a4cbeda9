import {
  AdminHallQuerySchema,
  HallDetailSchema,
  HallInputSchema,
  HallPageSchema,
  HallQuerySchema,
  HallUpdateSchema,
  IdParamsSchema,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as halls from './halls.service'

export const hallRoutes = new ApiRouter('/halls', 'halls')
  .get('/', { summary: 'Service points, nearest first (15分钟政务服务圈)', query: HallQuerySchema, response: HallPageSchema }, ({ query }) =>
    halls.listHalls(query),
  )
  .get('/:id', { summary: 'A service point with its windows and items', params: IdParamsSchema, response: HallDetailSchema }, ({ params }) =>
    halls.getHall(params.id),
  )

export const adminHallRoutes = new ApiRouter('/admin/halls', 'admin')
  .get('/', { summary: 'Points of my region, archived included', auth: ['admin'], query: AdminHallQuerySchema, response: HallPageSchema }, ({ query, auth }) =>
    halls.listHallsAdmin(query, auth),
  )
  .post('/', { summary: 'Create a service point', auth: ['admin'], body: HallInputSchema, response: HallDetailSchema, status: 201 }, ({ body, auth }) =>
    halls.createHall(body, auth),
  )
  .patch('/:id', { summary: 'Update a service point', auth: ['admin'], params: IdParamsSchema, body: HallUpdateSchema, response: HallDetailSchema }, ({ params, body, auth }) =>
    halls.updateHall(params.id, body, auth),
  )
  .post('/:id/archive', { summary: 'Archive a service point', auth: ['admin'], params: IdParamsSchema, response: HallDetailSchema }, ({ params, auth }) =>
    halls.archiveHall(params.id, auth),
  )
