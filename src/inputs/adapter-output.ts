import type { Entity, InputSummary, SkippedResource } from '../model/entities.js';

/** What every input adapter hands on: the entities it read, what it skipped and why, and secrets to scrub. */
export interface AdapterOutput {
  entities: Entity[];
  skipped: SkippedResource[];
  summary: InputSummary;
  secrets: string[];
}
