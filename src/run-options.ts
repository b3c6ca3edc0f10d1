import { resolve } from 'node:path';
import type { DeploymentScopeOptions } from './inputs/arm/expressions/index.js';
import { parseParamValue, type ArmParameterInput } from './inputs/arm/parameter-files.js';
import { parseScope } from './model/scope.js';
import { builtInPolicyDir } from './package-files.js';
import type { FailOn } from './policy/severity.js';
import type { ScanOptions } from './scan.js';
import { loadBaseline } from './suppress/baseline.js';
import { configPaths, findConfig, loadConfig, type LoadedConfig } from './suppress/config.js';
import { today } from './suppress/waivers.js';

/** What an entry point was told (flags, action inputs); anything left out comes from the config file, then defaults. */
export interface RunRequest {
  cwd: string;
  repoRoot: string;
  paths: string[];
  policyDirs: string[];
  /** undefined: as the config says (default: run the built-in policies). */
  builtIn?: boolean;
  failOn?: FailOn;
  failOnIndeterminate?: boolean;
  terraformDir?: string;
  /** A config file to use instead of searching upward from cwd; false: use none. */
  config?: string | false;
  baseline?: string;
  /** ARM template parameters: deploymentParameters files, and `name=value` pairs. */
  parameterFiles?: string[];
  parameterValues?: string[];
  /** What resourceGroup() and subscription() return in templates: a resource group or subscription ID. */
  deploymentScope?: string;
}

export class RunRequestError extends Error {}

/**
 * Merges the request with the config file (found from cwd upward unless given) into the scan's options. Without
 * `needInputs` (listing policies), no input paths are required.
 */
export async function resolveRun(request: RunRequest, needInputs = true): Promise<ScanOptions> {
  const configFile =
    request.config === false ? undefined : (request.config ?? (await findConfig(request.cwd)));
  const loaded: LoadedConfig | undefined =
    configFile === undefined ? undefined : await loadConfig(resolve(request.cwd, configFile), request.cwd);
  const config = loaded?.config;

  const paths =
    request.paths.length > 0
      ? request.paths.map((p) => resolve(request.cwd, p))
      : loaded === undefined
        ? []
        : configPaths(loaded, config?.paths);
  if (paths.length === 0 && needInputs) {
    throw new RunRequestError(
      `no input to scan: give plan files or directories${loaded === undefined ? '' : `, or "paths" in ${loaded.file}`}`,
    );
  }
  const builtIn = request.builtIn ?? config?.builtin ?? true;
  const policyDirs = [
    ...(loaded === undefined ? [] : configPaths(loaded, config?.policyDirs)),
    ...request.policyDirs,
  ];
  if (!builtIn && policyDirs.length === 0)
    throw new RunRequestError(
      'with the built-in policies off there are no policies to run; add a policy directory',
    );
  const terraformDir =
    request.terraformDir !== undefined
      ? resolve(request.cwd, request.terraformDir)
      : config?.terraformDir === undefined || loaded === undefined
        ? undefined
        : resolve(loaded.dir, config.terraformDir);

  const options: ScanOptions = {
    paths,
    policySources: [
      ...(builtIn ? [{ dir: builtInPolicyDir(), builtIn: true }] : []),
      ...policyDirs.map((dir) => ({ dir, builtIn: false })),
    ],
    failOn: request.failOn ?? config?.failOn ?? 'high',
    failOnIndeterminate: request.failOnIndeterminate ?? config?.failOnIndeterminate ?? false,
    repoRoot: request.repoRoot,
    today: today(),
  };
  if (terraformDir !== undefined) options.terraformDir = terraformDir;
  const armParameters = parameterInput(request);
  if (armParameters !== undefined) options.armParameters = armParameters;
  if (request.deploymentScope !== undefined) options.armScope = deploymentScopeOf(request.deploymentScope);
  if (loaded !== undefined) options.config = loaded;
  if (request.baseline !== undefined)
    options.baseline = await loadBaseline(resolve(request.cwd, request.baseline), request.baseline);
  return options;
}

function parameterInput(request: RunRequest): ArmParameterInput | undefined {
  const files = (request.parameterFiles ?? []).map((f) => resolve(request.cwd, f));
  const values: Record<string, unknown> = {};
  for (const pair of request.parameterValues ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new RunRequestError(`a template parameter is name=value, not '${pair}'`);
    values[pair.slice(0, at).trim()] = parseParamValue(pair.slice(at + 1));
  }
  return files.length === 0 && Object.keys(values).length === 0 ? undefined : { files, values };
}

/** `/subscriptions/<id>/resourceGroups/<name>` (or a subscription ID path) as what templates see of their scope. */
function deploymentScopeOf(id: string): DeploymentScopeOptions {
  const scope = parseScope(id);
  if (scope === undefined || typeof scope.subscriptionId !== 'string') {
    throw new RunRequestError(
      `the deployment scope is a subscription or resource group ID (/subscriptions/<id>[/resourceGroups/<name>]), not '${id}'`,
    );
  }
  const options: DeploymentScopeOptions = { subscriptionId: scope.subscriptionId };
  if (typeof scope.resourceGroup === 'string') options.resourceGroupName = scope.resourceGroup;
  return options;
}
