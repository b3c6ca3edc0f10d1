/** A sample: its plan (`terraform show -json` shape) and the `.tf` source it stands for. */
export interface ReportSample {
  'tfplan.json': Record<string, unknown>;
  'main.tf': string;
}

export function reportSamples(): Record<string, ReportSample>;
