import { CITY_REGION_CODE, exchangeContract } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { fileReply, implement } from '../../lib/routes'
import { assertRegionScope } from '../../lib/scope'
import * as exchange from './exchange.service'

/** The exchange is city-wide (one provincial account for the city): only the city's administrators. */
const cityAdmin = (auth: AuthContext) => assertRegionScope(auth, CITY_REGION_CODE)

export const exchangeRoutes = implement(exchangeContract, {
  overview: ({ auth }) => {
    cityAdmin(auth)
    return exchange.overview()
  },
  repush: ({ auth, params }) => {
    cityAdmin(auth)
    return exchange.repush(params.id)
  },
  export: async ({ auth, query }) => {
    cityAdmin(auth)
    return fileReply(200, await exchange.exportPeriod(query))
  },
})
