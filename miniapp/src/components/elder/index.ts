export { ElderSwitch } from './ElderSwitch'
export { ElderHome, ELDER_ACTIONS, type ElderAction } from './ElderHome'
