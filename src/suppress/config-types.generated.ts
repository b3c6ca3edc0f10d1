/* eslint-disable */
/**
 * Generated from schema/config.schema.json by `npm run gen:types` (json-schema-to-typescript).
 * Do not edit by hand: change the schema and regenerate.
 */

/**
 * aks-identity-lint configuration (.aks-identity-lint.json), found from the working directory upward or given with --config. Paths are relative to this file.
 */
export interface Config {
  /**
   * Path or URL of this schema, for editor completion.
   */
  $schema?: string;
  /**
   * Inputs to scan when none are given on the command line: plan files or directories.
   */
  paths?: string[];
  /**
   * Directory of the Terraform root module's .tf files.
   */
  terraformDir?: string;
  /**
   * Run the built-in policies (default true).
   */
  builtin?: boolean;
  /**
   * Directories of your own policies.
   */
  policyDirs?: string[];
  /**
   * Per-policy settings, by policy ID.
   */
  policies?: {
    [k: string]: PolicySettings;
  };
  /**
   * Fail at or above this severity (default high); none reports only.
   */
  failOn?: 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none';
  /**
   * Also fail on findings unknown until apply.
   */
  failOnIndeterminate?: boolean;
  /**
   * Accepted risks: findings reported as waived instead of failing, until they expire.
   */
  waivers?: Waiver[];
}
/**
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "policySettings".
 */
export interface PolicySettings {
  /**
   * false turns the policy off.
   */
  enabled?: boolean;
  /**
   * Overrides the policy's severity.
   */
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info';
}
/**
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "waiver".
 */
export interface Waiver {
  /**
   * The policy ID the waiver is for.
   */
  policy: string;
  /**
   * The resource it applies to: a Terraform address, a resource ID or a name; * matches any text.
   */
  resource: string;
  /**
   * Why the risk is accepted, and by whom.
   */
  reason: string;
  /**
   * The last day the waiver applies (YYYY-MM-DD).
   */
  expires?: string;
}
