import { citizenServices } from './services-citizen'
import { enterpriseServices } from './services-enterprise'
import { propertyServices } from './services-property'
import { socialServices } from './services-social'
import type { SeedService } from './types'

/** The demo catalogue (示例数据): high-frequency items with complete guides, across all themes. */
export const services: SeedService[] = [...enterpriseServices, ...propertyServices, ...socialServices, ...citizenServices]
