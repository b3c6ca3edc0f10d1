/* eslint-disable */
/**
 * Generated from schema/report.schema.json by `npm run gen:types` (json-schema-to-typescript).
 * Do not edit by hand: change the schema and regenerate.
 */

/**
 * This interface was referenced by `JsonReport`'s JSON-Schema
 * via the `definition` "severity".
 */
export type ReportedSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/**
 * The JSON report of one run, as `scan --format json` prints it and the action's json-file writes it. A baseline is such a report. Every failing, indeterminate, suppressed and passing result is listed; results of policies that do not apply to an entity are counted per policy in summary.notApplicableByPolicy, and listed only with --include-not-applicable.
 */
export interface JsonReport {
  /**
   * Version of this shape. Fields may be added within a version; none is removed or changed.
   */
  reportVersion: 1;
  tool: {
    name: 'aks-identity-lint';
    version: string;
  };
  /**
   * fail when a failure at or above failOn (or, with failOnIndeterminate, an indeterminate result) is not suppressed.
   */
  result: 'pass' | 'fail';
  failOn: 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none';
  failOnIndeterminate: boolean;
  summary: {
    /**
     * Failures not suppressed.
     */
    failed: number;
    indeterminate: number;
    passed: number;
    notApplicable: number;
    /**
     * Failures that fail the run (at or above failOn).
     */
    blocking: number;
    /**
     * Findings suppressed by a waiver or an inline comment (listed, marked so).
     */
    suppressed: number;
    /**
     * Findings already in the baseline.
     */
    baselined: number;
    /**
     * Failures not suppressed, by severity.
     */
    failedBySeverity: {
      [k: string]: number;
    };
    /**
     * Results of each policy that did not apply to an entity (the entity is not of the policy's kind, or the policy's `if` is false for it), by policy ID. Policies with none are left out.
     */
    notApplicableByPolicy: {
      [k: string]: number;
    };
  };
  /**
   * The config file's waivers and how many findings each matched.
   */
  waivers: {
    source: string;
    policy: string;
    resource: string;
    reason: string;
    expires?: string;
    matched: number;
    expired: boolean;
  }[];
  /**
   * The baseline the run compared with, if any.
   */
  baseline?: string;
  inputs: {
    file: string;
    format: 'terraform-plan' | 'arm-template' | 'arm-whatif' | 'live-state';
    /**
     * Resources of types this tool models.
     */
    scanned: number;
    skipped: number;
    /**
     * Resources of types outside AKS identity, counted by type.
     */
    unsupported: {
      [k: string]: number;
    };
  }[];
  /**
   * Resources of modelled types that could not be read, and why.
   */
  skipped: {
    file: string;
    address: string;
    type: string;
    reason: string;
  }[];
  /**
   * Files in a scanned directory that are not inputs, and why.
   */
  ignored: {
    file: string;
    reason: string;
  }[];
  policies: {
    id: string;
    title: string;
    severity: ReportedSeverity;
    file: string;
    builtIn: boolean;
  }[];
  results: JsonResult[];
}
/**
 * One policy's verdict on one entity.
 *
 * This interface was referenced by `JsonReport`'s JSON-Schema
 * via the `definition` "result".
 */
export interface JsonResult {
  policyId: string;
  title: string;
  /**
   * The finding's severity: the policy's, or the one its severityWhen gives this entity.
   */
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  status: 'pass' | 'fail' | 'indeterminate' | 'not-applicable';
  /**
   * Whether this result fails the run.
   */
  blocking: boolean;
  entity: {
    kind: string;
    /**
     * The stable key: Terraform address or resource ID. Baselines match on it.
     */
    key: string;
    name: string;
    /**
     * The key of the cluster the entity belongs to.
     */
    cluster?: string;
  };
  message?: string;
  /**
   * For an indeterminate result: the fields whose values are not known yet, and why.
   */
  because?: {
    field: string;
    reason: string;
  }[];
  suppression?: ReportedSuppression;
  expiredWaiver?: ReportedSuppression;
  location: {
    input: string;
    /**
     * JSON pointer to the resource in the input.
     */
    pointer: string;
    file?: string;
    line?: number;
    endLine?: number;
    /**
     * Why there is no source line.
     */
    note?: string;
  };
  remediation: string;
  /**
   * Where a finding points (each grant that causes it, or the resource itself): source lines, or the input file and why there is no line.
   */
  places?: (
    | {
        resource: string;
        file: string;
        line: number;
        endLine: number;
      }
    | {
        resource: string;
        input: string;
        note: string;
      }
  )[];
  /**
   * The related resources a failure is caused by.
   */
  causedBy?: string[];
}
/**
 * This interface was referenced by `JsonReport`'s JSON-Schema
 * via the `definition` "suppression".
 */
export interface ReportedSuppression {
  kind: 'inline' | 'waiver' | 'baseline';
  reason: string;
  /**
   * Where it is written: main.tf:12, .aks-identity-lint.json /waivers/0, the baseline file.
   */
  source: string;
  expires?: string;
}
