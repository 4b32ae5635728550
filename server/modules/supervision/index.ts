/**
 * Public surface of the supervision module (监督: boards and 督办 tasks). Other modules import only this
 * file. The scorecards read `tasksFacts`; the other facts live in their own modules (see README.md).
 */
export { supervisionModule } from './supervision.module.js';
export {
  lateTasks,
  tasksFacts,
  tasksVersions,
  type LateTaskFact,
  type TasksFacts,
} from './supervision.facts.js';
export { defaultReportYear } from './boards.js';
