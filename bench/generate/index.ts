export { generateDataset, tokensOf, type GenerateStats } from './write.js';
export {
  SIZES,
  specOf,
  GENERATED_AT,
  BENCH_PASSWORD,
  MAIN_AGENCY_CODE,
  type DatasetSpec,
  type SizeName,
} from './spec.js';
