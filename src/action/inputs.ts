import * as core from '@actions/core';
import { FAIL_ON_VALUES, type FailOn } from '../policy/severity.js';

/** The action's inputs, read and checked; see action.yml for their documentation. */
export interface ActionInputs {
  paths: string[];
  policies: string[];
  builtIn: boolean;
  failOn: FailOn;
  failOnIndeterminate: boolean;
  annotations: boolean;
  comment: boolean;
  commentKey: string;
  checkRun: boolean;
  summary: boolean;
  sarifFile: string;
  jsonFile: string;
  workingDirectory: string;
  terraformDir: string;
  config: string;
  baseline: string;
  githubToken: string;
}

export class ActionInputError extends Error {}

/** Newline- or comma-separated lists, as workflow authors write them. */
function list(name: string): string[] {
  return core
    .getInput(name)
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function bool(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(raw)) return true;
  if (['false', 'no', 'off', '0'].includes(raw)) return false;
  throw new ActionInputError(`input '${name}' must be true or false, not '${core.getInput(name)}'`);
}

export function readActionInputs(): ActionInputs {
  const paths = list('paths');
  if (paths.length === 0) {
    throw new ActionInputError(
      "input 'paths' is required: the plan files (terraform show -json), directories or globs to scan",
    );
  }
  const failOn = (core.getInput('fail-on').trim().toLowerCase() || 'high') as FailOn;
  if (!FAIL_ON_VALUES.includes(failOn)) {
    throw new ActionInputError(
      `input 'fail-on' must be one of ${FAIL_ON_VALUES.join(', ')}, not '${core.getInput('fail-on')}'`,
    );
  }
  const builtIn = bool('builtin', true);
  const policies = list('policies');
  if (!builtIn && policies.length === 0) {
    throw new ActionInputError(
      "input 'builtin: false' leaves no policies to run; set 'policies' to your policy directories",
    );
  }
  const inputs: ActionInputs = {
    paths,
    policies,
    builtIn,
    failOn,
    failOnIndeterminate: bool('fail-on-indeterminate', false),
    annotations: bool('annotations', true),
    comment: bool('comment', true),
    commentKey: core.getInput('comment-key').trim(),
    checkRun: bool('check-run', true),
    summary: bool('summary', true),
    sarifFile: core.getInput('sarif-file').trim(),
    jsonFile: core.getInput('json-file').trim(),
    workingDirectory: core.getInput('working-directory').trim() || '.',
    terraformDir: core.getInput('terraform-dir').trim(),
    config: core.getInput('config').trim(),
    baseline: core.getInput('baseline').trim(),
    githubToken: core.getInput('github-token').trim(),
  };
  if (inputs.githubToken !== '') core.setSecret(inputs.githubToken);
  return inputs;
}
