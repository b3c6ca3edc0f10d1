/**
 * Which model fields each input format can provide. A policy that depends on a field its format never has is not
 * applicable to that format (pod identity is not a Terraform setting; live state has no planned change).
 */
export interface FormatCoverage {
  label: string;
  implemented: boolean;
  /** Field paths (and everything under them) this format cannot provide. */
  missing: string[];
}

export const FORMAT_COVERAGE: readonly FormatCoverage[] = [
  { label: 'Terraform plan', implemented: true, missing: [] },
  // A template states what will exist, not what it replaces: what-if output has the before state.
  { label: 'Bicep / ARM template', implemented: true, missing: ['change.before'] },
  { label: 'ARM what-if', implemented: true, missing: [] },
  // Live state is what exists: nothing is planned, so there is no before state.
  { label: 'Live state (az, REST, PowerShell JSON)', implemented: true, missing: ['change.before'] },
];

/** Whether a field path is one the format cannot provide. */
export function isMissing(coverage: FormatCoverage, path: string): boolean {
  const normalized = path.replace(/\[(\*|\d+)\]/g, '');
  return coverage.missing.some((m) => normalized === m || normalized.startsWith(`${m}.`));
}
