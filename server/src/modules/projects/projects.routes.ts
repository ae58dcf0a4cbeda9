import { projectContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as agency from './agency.service'
import * as accounts from './project-accounts.service'
import * as work from './project-work.service'
import * as overview from './projects.overview'
import * as projects from './projects.service'
import * as templates from './templates.service'

/** 全代办: the enterprise's side, the 项目长/代办员's, and the administrators' (templates, projects, accounts). */
export const projectRoutes = implement(projectContract, {
  mine: ({ auth, query }) => projects.listMine(auth, query),
  get: ({ auth, params }) => projects.getProject(auth, params.id),
  agencyStep: ({ auth, params, body }) => agency.agencyStep(auth, params.id, body),
  signCommitment: ({ auth, params, body }) => work.signCommitment(auth, params.id, params.key, body),
  agencyForm: ({ auth, params }) => agency.agencyForm(auth, params.id, params.form),
  agentList: ({ auth, query }) => projects.listForAgent(auth, query),
  updateItem: ({ auth, params, body }) => work.updateItem(auth, params.id, params.key, body),
  checkCommitment: ({ auth, params, body }) => work.checkCommitment(auth, params.id, params.key, body),
  changeChecklist: ({ auth, params, body }) => work.changeChecklist(auth, params.id, body),
  templates: () => templates.listTemplates(),
  createTemplate: ({ auth, body }) => templates.createTemplate(auth, body),
  template: ({ params }) => templates.getTemplate(params.id),
  replaceTemplate: ({ auth, params, body }) => templates.replaceTemplate(auth, params.id, body),
  archiveTemplate: ({ auth, params }) => templates.archiveTemplate(auth, params.id),
  adminList: ({ auth, query }) => projects.listForAdmin(auth, query),
  overview: ({ auth, query }) => overview.projectOverview(auth, query),
  create: ({ auth, body }) => projects.createProject(auth, body),
  setTeam: ({ auth, params, body }) => projects.setTeam(auth, params.id, body),
  accounts: ({ auth }) => accounts.listProjectAccounts(auth),
  createAccount: ({ auth, body }) => accounts.createProjectAccount(auth, body),
})
