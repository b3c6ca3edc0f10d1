/** A generated `terraform show -json` plan of n clusters (six resources each). */
export function generatePlan(clusters: number): {
  resource_changes: { type: string; name: string }[];
} & Record<string, unknown>;

/** The .tf source declaring the plan's resources. */
export function terraformSource(plan: { resource_changes: { type: string; name: string }[] }): string;
