import { ExchangeExportQuerySchema, ExchangeIdParamsSchema, ExchangeOverviewSchema, ExchangeQueueItemSchema } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { ApiRouter } from '../../lib/routes'
import { assertRegionScope } from '../../lib/scope'
import { CITY_REGION_CODE } from '@xz/shared'
import * as exchange from './exchange.service'

/** The exchange is city-wide (one provincial account for the city): only the city's administrators. */
const cityAdmin = (auth: AuthContext) => assertRegionScope(auth, CITY_REGION_CODE)

export const adminExchangeRoutes = new ApiRouter('/admin/exchange', 'admin')
  .get('/', { summary: '好差评 exchange: endpoint status, backlog and dead letters', auth: ['admin'], response: ExchangeOverviewSchema }, ({ auth }) => {
    cityAdmin(auth)
    return exchange.overview()
  })
  .post(
    '/dead/:id/repush',
    { summary: 'Re-push a dead letter (back to pending, due now)', auth: ['admin'], params: ExchangeIdParamsSchema, response: ExchangeQueueItemSchema },
    ({ auth, params }) => {
      cityAdmin(auth)
      return exchange.repush(params.id)
    },
  )
  .get(
    '/export',
    { summary: 'Records of a period (≤ 31 days) as JSON lines or CSV, national or provincial field set', auth: ['admin'], query: ExchangeExportQuerySchema },
    async ({ auth, query, res }) => {
      cityAdmin(auth)
      await exchange.exportPeriod(query, res)
    },
  )
