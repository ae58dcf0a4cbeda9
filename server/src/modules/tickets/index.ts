export { Ticket, type TicketDoc } from './ticket.model'
export { seedTickets } from './tickets.seed'
export { anonymiseTicketsOf, erasePhotosOf } from './personal-data'
