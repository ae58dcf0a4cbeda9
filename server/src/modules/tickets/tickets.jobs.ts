import type { Job } from '../../lib/jobs'
import { remindDueTickets } from './tickets.service'

/** Reminds handlers of tickets due within a day or overdue (send-once per ticket, deadline and handler). */
export const ticketReminderJob: Job = { name: 'ticket-reminders', run: remindDueTickets }
