import { defineContract } from '../contract'
import { AdminHallQuerySchema, HallDetailSchema, HallInputSchema, HallPageSchema, HallQuerySchema, HallUpdateSchema } from '../schemas/catalogue'
import { IdParamsSchema } from '../schemas/common'

/** Service points (大厅, 便民服务中心/站): the public map and their administration. */
export const hallContract = /* @__PURE__ */ defineContract('halls', {
  list: { method: 'get', path: '/halls', summary: 'Service points, nearest first (15分钟政务服务圈)', query: HallQuerySchema, responses: { 200: HallPageSchema } },
  get: { method: 'get', path: '/halls/:id', summary: 'A service point with its windows and items', params: IdParamsSchema, responses: { 200: HallDetailSchema } },
  adminList: { method: 'get', path: '/admin/halls', tag: 'admin', summary: 'Points of my region, archived included', auth: ['admin'], query: AdminHallQuerySchema, responses: { 200: HallPageSchema } },
  create: { method: 'post', path: '/admin/halls', tag: 'admin', summary: 'Create a service point', auth: ['admin'], body: HallInputSchema, responses: { 201: HallDetailSchema } },
  update: {
    method: 'patch',
    path: '/admin/halls/:id',
    tag: 'admin',
    summary: 'Update a service point',
    auth: ['admin'],
    params: IdParamsSchema,
    body: HallUpdateSchema,
    responses: { 200: HallDetailSchema },
  },
  archive: { method: 'post', path: '/admin/halls/:id/archive', tag: 'admin', summary: 'Archive a service point', auth: ['admin'], params: IdParamsSchema, responses: { 200: HallDetailSchema } },
})
