import type { Entity, InputFormat, InputSummary, SkippedResource } from '../model/entities.js';

/** What every input adapter hands on: the entities it read, what it skipped and why, and secrets to scrub. */
export interface AdapterOutput {
  entities: Entity[];
  skipped: SkippedResource[];
  summary: InputSummary;
  secrets: string[];
}

/** The parts of an adapter's output, counted into its summary. */
export interface AdapterReading {
  file: string;
  format: InputFormat;
  entities: Entity[];
  skipped: SkippedResource[];
  secrets: Iterable<string>;
  /** Resources of types outside AKS identity, counted by type. */
  unsupported: Record<string, number>;
  /** Resources of modelled types read: entities, and those folded into one (node pools, patches). */
  scanned: number;
}

export function adapterOutput(reading: AdapterReading): AdapterOutput {
  const { file, format, entities, skipped, unsupported, scanned } = reading;
  return {
    entities,
    skipped,
    secrets: [...reading.secrets],
    summary: { file, format, scanned, skipped: skipped.length, unsupported },
  };
}
