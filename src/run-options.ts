import { UserError } from './util/user-error.js';
import { resolve } from 'node:path';
import type { DeploymentScopeOptions } from './inputs/arm/expressions/index.js';
import { parseParamValue, type ArmParameterInput } from './inputs/arm/parameter-files.js';
import { PUBLIC_ARM_ENDPOINT, type LiveQuery } from './inputs/live/query/live-query.js';
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
  /** Read live state from Azure: which subscriptions, and optionally which resource groups and clusters. */
  live?: LiveRequest;
}

export interface LiveRequest {
  subscriptions: string[];
  resourceGroups: string[];
  clusters: string[];
  via?: LiveQuery['via'];
  /** Azure Resource Manager's endpoint (a sovereign cloud, Azure Stack); default: $AZURE_RESOURCE_MANAGER_ENDPOINT, else public Azure. */
  endpoint?: string;
  credential?: LiveQuery['credential'];
  ca?: LiveQuery['ca'];
  progress?: LiveQuery['progress'];
}

export class RunRequestError extends UserError {}

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
  if (paths.length === 0 && needInputs && request.live === undefined) {
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
  if (request.live !== undefined) options.live = liveQueryOf(request.live);
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

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The live query a request asks for. Resource Graph reads any number of subscriptions in a few paged queries; the
 * resource providers' own lists are the default only for one subscription with its clusters named.
 */
function liveQueryOf(live: LiveRequest): LiveQuery {
  if (live.subscriptions.length === 0) {
    throw new RunRequestError('live mode needs at least one subscription ID (--subscription <id>)');
  }
  const subscriptions = live.subscriptions.map((s) => s.replace(/^\/subscriptions\//i, ''));
  const bad = subscriptions.find((s) => !GUID.test(s));
  if (bad !== undefined)
    throw new RunRequestError(`a subscription is given by its ID (a GUID), not '${bad}'`);
  const endpoint = live.endpoint ?? process.env['AZURE_RESOURCE_MANAGER_ENDPOINT'] ?? PUBLIC_ARM_ENDPOINT;
  if (!/^https:\/\/[^/]+/i.test(endpoint)) {
    throw new RunRequestError(`the Azure Resource Manager endpoint is an https:// URL, not '${endpoint}'`);
  }
  const via =
    live.via ?? (subscriptions.length === 1 && live.clusters.length > 0 ? 'per-cluster' : 'resource-graph');
  const query: LiveQuery = {
    subscriptions: [...new Set(subscriptions.map((s) => s.toLowerCase()))],
    resourceGroups: live.resourceGroups,
    clusters: live.clusters,
    via,
    endpoint,
  };
  if (live.credential !== undefined) query.credential = live.credential;
  if (live.ca !== undefined) query.ca = live.ca;
  if (live.progress !== undefined) query.progress = live.progress;
  return query;
}
