import {
  AdminServiceQuerySchema,
  BundleDetailSchema,
  BundleInputSchema,
  BundleListSchema,
  BundleUpdateSchema,
  DepartmentInputSchema,
  DepartmentListSchema,
  DepartmentQuerySchema,
  DepartmentSchema,
  DepartmentUpdateSchema,
  IdParamsSchema,
  RegionListSchema,
  RegionQuerySchema,
  ServiceDetailSchema,
  ServiceInputSchema,
  ServicePageSchema,
  ServiceQuerySchema,
  ServiceUpdateSchema,
  ThemeListSchema,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as catalogue from './catalogue.service'

export const serviceRoutes = new ApiRouter('/services', 'catalogue')
  .get('/', { summary: 'Search service items (办事指南)', query: ServiceQuerySchema, response: ServicePageSchema }, ({ query }) =>
    catalogue.searchServices(query),
  )
  .get('/:id', { summary: 'A service guide with its points and rating summary', params: IdParamsSchema, response: ServiceDetailSchema }, ({ params }) =>
    catalogue.getService(params.id),
  )

export const bundleRoutes = new ApiRouter('/bundles', 'catalogue')
  .get('/', { summary: '一件事一次办 bundles', response: BundleListSchema }, () => catalogue.listBundles())
  .get('/:id', { summary: 'A bundle with its merged materials list', params: IdParamsSchema, response: BundleDetailSchema }, ({ params }) =>
    catalogue.getBundle(params.id),
  )

export const regionRoutes = new ApiRouter('/regions', 'catalogue').get(
  '/',
  { summary: 'Regions (市/县/乡镇/村)', query: RegionQuerySchema, response: RegionListSchema },
  ({ query }) => catalogue.listRegions(query),
)

export const departmentRoutes = new ApiRouter('/departments', 'catalogue').get(
  '/',
  { summary: 'Departments (责任单位)', query: DepartmentQuerySchema, response: DepartmentListSchema },
  ({ query }) => catalogue.listDepartments(query),
)

export const themeRoutes = new ApiRouter('/themes', 'catalogue').get(
  '/',
  { summary: 'Themes with their number of items', response: ThemeListSchema },
  () => catalogue.listThemes(),
)

export const adminServiceRoutes = new ApiRouter('/admin/services', 'admin')
  .get('/', { summary: 'Items of my region, archived included', auth: ['admin'], query: AdminServiceQuerySchema, response: ServicePageSchema }, ({ query, auth }) =>
    catalogue.searchServicesAdmin(query, auth),
  )
  .post('/', { summary: 'Create an item', auth: ['admin'], body: ServiceInputSchema, response: ServiceDetailSchema, status: 201 }, ({ body, auth }) =>
    catalogue.createService(body, auth),
  )
  .patch('/:id', { summary: 'Update an item', auth: ['admin'], params: IdParamsSchema, body: ServiceUpdateSchema, response: ServiceDetailSchema }, ({ params, body, auth }) =>
    catalogue.updateService(params.id, body, auth),
  )
  .post('/:id/archive', { summary: 'Archive an item', auth: ['admin'], params: IdParamsSchema, response: ServiceDetailSchema }, ({ params, auth }) =>
    catalogue.archiveService(params.id, auth),
  )

export const adminBundleRoutes = new ApiRouter('/admin/bundles', 'admin')
  .post('/', { summary: 'Create a bundle', auth: ['admin'], body: BundleInputSchema, response: BundleDetailSchema, status: 201 }, ({ body, auth }) =>
    catalogue.createBundle(body, auth),
  )
  .patch('/:id', { summary: 'Update a bundle', auth: ['admin'], params: IdParamsSchema, body: BundleUpdateSchema, response: BundleDetailSchema }, ({ params, body, auth }) =>
    catalogue.updateBundle(params.id, body, auth),
  )
  .post('/:id/archive', { summary: 'Archive a bundle', auth: ['admin'], params: IdParamsSchema, response: BundleDetailSchema }, ({ params, auth }) =>
    catalogue.archiveBundle(params.id, auth),
  )

export const adminDepartmentRoutes = new ApiRouter('/admin/departments', 'admin')
  .post('/', { summary: 'Create a department', auth: ['admin'], body: DepartmentInputSchema, response: DepartmentSchema, status: 201 }, ({ body, auth }) =>
    catalogue.createDepartment(body, auth),
  )
  .patch('/:id', { summary: 'Update a department', auth: ['admin'], params: IdParamsSchema, body: DepartmentUpdateSchema, response: DepartmentSchema }, ({ params, body, auth }) =>
    catalogue.updateDepartment(params.id, body, auth),
  )
