import { catalogueContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as bundles from './bundles.service'
import * as departments from './departments.service'
import * as items from './items.service'
import { listRegions } from './regions.service'
import { listThemes, searchServices, searchServicesAdmin } from './search.service'

export const catalogueRoutes = implement(catalogueContract, {
  searchServices: ({ query }) => searchServices(query),
  getService: ({ params }) => items.getService(params.id),
  listBundles: () => bundles.listBundles(),
  getBundle: ({ params }) => bundles.getBundle(params.id),
  listRegions: ({ query }) => listRegions(query),
  listDepartments: ({ query }) => departments.listDepartments(query),
  listThemes: () => listThemes(),
  adminSearchServices: ({ query, auth }) => searchServicesAdmin(query, auth),
  createService: ({ body, auth }) => items.createService(body, auth),
  updateService: ({ params, body, auth }) => items.updateService(params.id, body, auth),
  archiveService: ({ params, auth }) => items.archiveService(params.id, auth),
  createBundle: ({ body, auth }) => bundles.createBundle(body, auth),
  updateBundle: ({ params, body, auth }) => bundles.updateBundle(params.id, body, auth),
  archiveBundle: ({ params, auth }) => bundles.archiveBundle(params.id, auth),
  createDepartment: ({ body, auth }) => departments.createDepartment(body, auth),
  updateDepartment: ({ params, body, auth }) => departments.updateDepartment(params.id, body, auth),
})
