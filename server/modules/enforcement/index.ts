/**
 * Public surface of the enforcement module (双公示) for other modules. Its service file
 * (enforcement.service.ts) is still imported directly by older callers; new cross-module reads come here.
 */
// Supervision boards and scorecards (issue 19): read-only facts over many agencies.
export * from './enforcement.supervision.js';
// Records of one enterprise by credit code (智慧安监's automatic links).
export {
  accidentsByCreditCode,
  decisionsByCreditCode,
  supervisedHazardsByCreditCode,
} from './enforcement.links.repository.js';
