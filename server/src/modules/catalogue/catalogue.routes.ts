import { catalogueContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as catalogue from './catalogue.service'

export const catalogueRoutes = implement(catalogueContract, {
  searchServices: ({ query }) => catalogue.searchServices(query),
  getService: ({ params }) => catalogue.getService(params.id),
  listBundles: () => catalogue.listBundles(),
  getBundle: ({ params }) => catalogue.getBundle(params.id),
  listRegions: ({ query }) => catalogue.listRegions(query),
  listDepartments: ({ query }) => catalogue.listDepartments(query),
  listThemes: () => catalogue.listThemes(),
  adminSearchServices: ({ query, auth }) => catalogue.searchServicesAdmin(query, auth),
  createService: ({ body, auth }) => catalogue.createService(body, auth),
  updateService: ({ params, body, auth }) => catalogue.updateService(params.id, body, auth),
  archiveService: ({ params, auth }) => catalogue.archiveService(params.id, auth),
  createBundle: ({ body, auth }) => catalogue.createBundle(body, auth),
  updateBundle: ({ params, body, auth }) => catalogue.updateBundle(params.id, body, auth),
  archiveBundle: ({ params, auth }) => catalogue.archiveBundle(params.id, auth),
  createDepartment: ({ body, auth }) => catalogue.createDepartment(body, auth),
  updateDepartment: ({ params, body, auth }) => catalogue.updateDepartment(params.id, body, auth),
})
