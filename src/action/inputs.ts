import { UserError } from '../util/user-error.js';
import * as core from '@actions/core';
import { FAIL_ON_VALUES, type FailOn } from '../policy/severity.js';

/**
 * The action's inputs, read and checked; see action.yml for their documentation. Settings the config file can also
 * make (paths, builtin, fail-on, fail-on-indeterminate) are undefined when the workflow leaves them empty, so the
 * config decides; the defaults apply only when neither says.
 */
export interface ActionInputs {
  paths: string[];
  policies: string[];
  builtIn?: boolean;
  failOn?: FailOn;
  failOnIndeterminate?: boolean;
  annotations: boolean;
  comment: boolean;
  /** Names the stack a step lints, when several steps lint one commit: its comment, check run and SARIF category. */
  stack: string;
  checkRun: boolean;
  summary: boolean;
  sarifFile: string;
  jsonFile: string;
  workingDirectory: string;
  terraformDir: string;
  /** Template parameters: files, and name=value pairs. */
  parameterFiles: string[];
  parameterValues: string[];
  deploymentScope: string;
  config: string;
  baseline: string;
  githubToken: string;
  /** Live state to read from Azure, when `live` is on. */
  live?: {
    subscriptions: string[];
    resourceGroups: string[];
    clusters: string[];
    via?: 'resource-graph' | 'per-cluster';
    /** The app federated with this repository, to sign in with the job's OIDC token. */
    clientId: string;
    tenantId: string;
  };
}

export class ActionInputError extends UserError {}

/** Newline- or comma-separated lists, as workflow authors write them. */
function list(name: string): string[] {
  return core
    .getInput(name)
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function optionalBool(name: string): boolean | undefined {
  const raw = core.getInput(name).trim().toLowerCase();
  if (raw === '') return undefined;
  if (['true', 'yes', 'on', '1'].includes(raw)) return true;
  if (['false', 'no', 'off', '0'].includes(raw)) return false;
  throw new ActionInputError(`input '${name}' must be true or false, not '${core.getInput(name)}'`);
}

function bool(name: string, fallback: boolean): boolean {
  return optionalBool(name) ?? fallback;
}

export function readActionInputs(): ActionInputs {
  const failOnText = core.getInput('fail-on').trim().toLowerCase();
  if (failOnText !== '' && !FAIL_ON_VALUES.includes(failOnText as FailOn)) {
    throw new ActionInputError(
      `input 'fail-on' must be one of ${FAIL_ON_VALUES.join(', ')}, not '${core.getInput('fail-on')}'`,
    );
  }
  const stack = core.getInput('stack').trim();
  if (!/^[A-Za-z0-9_.-]*$/.test(stack)) {
    throw new ActionInputError(
      `input 'stack' may use letters, digits, '.', '_' and '-' only, not '${stack}'`,
    );
  }
  const inputs: ActionInputs = {
    paths: list('paths'),
    policies: list('policies'),
    annotations: bool('annotations', true),
    comment: bool('comment', true),
    stack,
    checkRun: bool('check-run', true),
    summary: bool('summary', true),
    sarifFile: core.getInput('sarif-file').trim(),
    jsonFile: core.getInput('json-file').trim(),
    workingDirectory: core.getInput('working-directory').trim() || '.',
    terraformDir: core.getInput('terraform-dir').trim(),
    // One per line: a value may hold a comma (JSON), so only newlines separate them.
    ...splitParameters(
      core
        .getInput('parameters')
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
    deploymentScope: core.getInput('deployment-scope').trim(),
    config: core.getInput('config').trim(),
    baseline: core.getInput('baseline').trim(),
    githubToken: core.getInput('github-token').trim(),
  };
  const builtIn = optionalBool('builtin');
  if (builtIn !== undefined) inputs.builtIn = builtIn;
  if (failOnText !== '') inputs.failOn = failOnText as FailOn;
  const failOnIndeterminate = optionalBool('fail-on-indeterminate');
  if (failOnIndeterminate !== undefined) inputs.failOnIndeterminate = failOnIndeterminate;
  if (inputs.githubToken !== '') core.setSecret(inputs.githubToken);
  const live = liveInputs();
  if (live !== undefined) inputs.live = live;
  return inputs;
}

const LIVE_ONLY = ['subscriptions', 'resource-groups', 'clusters', 'live-via'];

/** `live` and its scope; a scope given without `live: true` is a mistake, not something to ignore. */
function liveInputs(): ActionInputs['live'] {
  if (!bool('live', false)) {
    const stray = LIVE_ONLY.find((name) => core.getInput(name).trim() !== '');
    if (stray !== undefined) throw new ActionInputError(`input '${stray}' needs 'live: true'`);
    return undefined;
  }
  const via = core.getInput('live-via').trim();
  if (via !== '' && via !== 'resource-graph' && via !== 'per-cluster') {
    throw new ActionInputError(`input 'live-via' must be resource-graph or per-cluster, not '${via}'`);
  }
  const live: NonNullable<ActionInputs['live']> = {
    subscriptions: list('subscriptions'),
    resourceGroups: list('resource-groups'),
    clusters: list('clusters'),
    // azure/login takes them as inputs; a workflow usually has them as AZURE_CLIENT_ID and AZURE_TENANT_ID too.
    clientId: core.getInput('azure-client-id').trim() || (process.env['AZURE_CLIENT_ID'] ?? ''),
    tenantId: core.getInput('azure-tenant-id').trim() || (process.env['AZURE_TENANT_ID'] ?? ''),
  };
  if (via !== '') live.via = via;
  return live;
}

/** `name=value` is a value (a parameter name has no path separator); anything else names a parameters file. */
function splitParameters(entries: string[]): { parameterFiles: string[]; parameterValues: string[] } {
  const isValue = (e: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*=/.test(e);
  return { parameterFiles: entries.filter((e) => !isValue(e)), parameterValues: entries.filter(isValue) };
}
