/** Public surface of the self-check module (检查指标自查). Other modules import only this file. */
export { selfcheckModule } from './selfcheck.module.js';
export { selfcheckFacts, type SelfcheckAgencyFacts, type SelfcheckPeriod } from './selfcheck.facts.js';
export { INDICATORS, SEVERITY_LABELS, type Indicator } from './selfcheck.rules.js';
export { scanWording, type WordingHit } from './selfcheck.wording.js';
