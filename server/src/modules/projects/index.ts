export { seedProjectDemo } from './projects.seed'
