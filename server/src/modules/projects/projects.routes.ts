import {
  AdminProjectListQuerySchema,
  ProjectAccountCreateSchema,
  ProjectAccountListSchema,
  ProjectAccountWithPasswordSchema,
  ProjectAgencyFormSchema,
  ProjectAgencyStepSchema,
  ProjectChecklistChangeSchema,
  ProjectCommitmentCheckSchema,
  ProjectCommitmentSignSchema,
  ProjectCreateSchema,
  ProjectDetailSchema,
  ProjectFormParamsSchema,
  ProjectIdParamsSchema,
  ProjectItemParamsSchema,
  ProjectItemUpdateSchema,
  ProjectListQuerySchema,
  ProjectOverviewQuerySchema,
  ProjectOverviewSchema,
  ProjectSummaryPageSchema,
  ProjectTeamSchema,
  ProjectTemplateInputSchema,
  ProjectTemplateListSchema,
  ProjectTemplateSchema,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as agency from './agency.service'
import * as accounts from './project-accounts.service'
import * as work from './project-work.service'
import * as overview from './projects.overview'
import * as projects from './projects.service'
import * as templates from './templates.service'

/** The enterprise's side, and reading one project for everyone on it. */
export const projectRoutes = new ApiRouter('/projects', 'projects')
  .get('/mine', { summary: "我的项目: the projects of the enterprise I own (by 统一社会信用代码), at risk first", auth: ['citizen'], query: ProjectListQuerySchema, response: ProjectSummaryPageSchema }, ({ auth, query }) =>
    projects.listMine(auth, query),
  )
  .get(
    '/:id',
    { summary: 'One project as a timeline: checklist with planned/promised dates, what is late, the critical path, who is on it, the 代办 steps (enterprise, its 项目长/代办员, administrators of its region)', auth: ['citizen', 'agent', 'admin'], params: ProjectIdParamsSchema, response: ProjectDetailSchema },
    ({ auth, params }) => projects.getProject(auth, params.id),
  )
  .post(
    '/:id/agency',
    { summary: '代办 step (DB14/T 2233): 委托 (enterprise), 受理/办理/中止/续办/办结 (项目长/代办员), 终止 (either)', auth: ['citizen', 'agent'], params: ProjectIdParamsSchema, body: ProjectAgencyStepSchema, response: ProjectDetailSchema },
    ({ auth, params, body }) => agency.agencyStep(auth, params.id, body),
  )
  .post(
    '/:id/items/:key/commitment',
    { summary: '告知承诺制: the enterprise signs the commitment of an item (verification deadline set)', auth: ['citizen'], params: ProjectItemParamsSchema, body: ProjectCommitmentSignSchema, response: ProjectDetailSchema },
    ({ auth, params, body }) => work.signCommitment(auth, params.id, params.key, body),
  )
  .get(
    '/:id/forms/:form',
    { summary: 'Printable 委托书 / 办结单 / 终止单 of the 代办 (data for the printable page)', auth: ['citizen', 'agent', 'admin'], params: ProjectFormParamsSchema, response: ProjectAgencyFormSchema },
    ({ auth, params }) => agency.agencyForm(auth, params.id, params.form),
  )

/** 项目长 and 代办员. */
export const agentProjectRoutes = new ApiRouter('/agent/projects', 'projects')
  .get('/', { summary: 'My projects (as 项目长 or 代办员), at risk and overdue first', auth: ['agent'], query: ProjectListQuerySchema, response: ProjectSummaryPageSchema }, ({ auth, query }) =>
    projects.listForAgent(auth, query),
  )
  .patch(
    '/:id/items/:key',
    { summary: 'Update an item: start / pause (reason) / resume / 办结, dates, documents, blocker (项目长 or 代办员 of the project)', auth: ['agent'], params: ProjectItemParamsSchema, body: ProjectItemUpdateSchema, response: ProjectDetailSchema },
    ({ auth, params, body }) => work.updateItem(auth, params.id, params.key, body),
  )
  .post(
    '/:id/items/:key/commitment-check',
    { summary: "Record the department's verification of a 告知承诺 commitment", auth: ['agent'], params: ProjectItemParamsSchema, body: ProjectCommitmentCheckSchema, response: ProjectDetailSchema },
    ({ auth, params, body }) => work.checkCommitment(auth, params.id, params.key, body),
  )
  .post(
    '/:id/checklist',
    { summary: 'Adjust the checklist (add / remove / change an item) with a recorded reason (the project\'s 项目长 only)', auth: ['agent'], params: ProjectIdParamsSchema, body: ProjectChecklistChangeSchema, response: ProjectDetailSchema },
    ({ auth, params, body }) => work.changeChecklist(auth, params.id, body),
  )

/** Checklist templates per project type (city administrators edit, every administrator reads). */
export const adminProjectTemplateRoutes = new ApiRouter('/admin/project-templates', 'admin')
  .get('/', { summary: 'Checklist templates (archived included)', auth: ['admin'], response: ProjectTemplateListSchema }, () => templates.listTemplates())
  .post('/', { summary: 'Create a checklist template (city administrators)', auth: ['admin'], body: ProjectTemplateInputSchema, response: ProjectTemplateSchema, status: 201 }, ({ auth, body }) =>
    templates.createTemplate(auth, body),
  )
  .get('/:id', { summary: 'One checklist template', auth: ['admin'], params: ProjectIdParamsSchema, response: ProjectTemplateSchema }, ({ params }) => templates.getTemplate(params.id))
  .put('/:id', { summary: 'Replace a checklist template (existing projects keep their checklists)', auth: ['admin'], params: ProjectIdParamsSchema, body: ProjectTemplateInputSchema, response: ProjectTemplateSchema }, ({ auth, params, body }) =>
    templates.replaceTemplate(auth, params.id, body),
  )
  .delete('/:id', { summary: 'Archive a checklist template', auth: ['admin'], params: ProjectIdParamsSchema, response: ProjectTemplateSchema }, ({ auth, params }) => templates.archiveTemplate(auth, params.id))

/** Projects of the administrator's region. */
export const adminProjectRoutes = new ApiRouter('/admin/projects', 'admin')
  .get('/', { summary: 'All projects of my region, at risk first', auth: ['admin'], query: AdminProjectListQuerySchema, response: ProjectSummaryPageSchema }, ({ auth, query }) => projects.listForAdmin(auth, query))
  .get('/overview', { summary: 'Average approval working days per stage vs the promised limits, projects at risk, overdue commitments per department', auth: ['admin'], query: ProjectOverviewQuerySchema, response: ProjectOverviewSchema }, ({ auth, query }) =>
    overview.projectOverview(auth, query),
  )
  .post('/', { summary: 'Create a project from a template (一项目一方案一清单)', auth: ['admin'], body: ProjectCreateSchema, response: ProjectDetailSchema, status: 201 }, ({ auth, body }) =>
    projects.createProject(auth, body),
  )
  .put('/:id/team', { summary: 'Assign the 项目长 and 代办员', auth: ['admin'], params: ProjectIdParamsSchema, body: ProjectTeamSchema, response: ProjectDetailSchema }, ({ auth, params, body }) =>
    projects.setTeam(auth, params.id, body),
  )

/** 项目长/代办员 accounts (role agent), created by the administrators of their region. */
export const adminProjectAccountRoutes = new ApiRouter('/admin/project-accounts', 'admin')
  .get('/', { summary: '项目长/代办员 accounts of my region', auth: ['admin'], response: ProjectAccountListSchema }, ({ auth }) => accounts.listProjectAccounts(auth))
  .post('/', { summary: 'Create a 项目长/代办员 account (password returned once)', auth: ['admin'], body: ProjectAccountCreateSchema, response: ProjectAccountWithPasswordSchema, status: 201 }, ({ auth, body }) =>
    accounts.createProjectAccount(auth, body),
  )
