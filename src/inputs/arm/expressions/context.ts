import type { Unknown } from '../../../model/unknown.js';
import { joinParts } from './partial-string.js';
import type { PathSegment } from './refs.js';
import { fromJson, setProperty, type ArmObject, type ArmValue } from './values.js';

/** Where a template is deployed: decides the form of `resourceId()` and which scope functions exist. */
export type DeploymentScopeKind = 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';

/**
 * The values of the scope functions (`resourceGroup()`, `subscription()`, `tenant()`, `managementGroup()`,
 * `deployment()`, `environment()`) and the parts `resourceId()` fills in. Build it with `deploymentScope()`.
 */
export interface DeploymentScope {
  kind: DeploymentScopeKind;
  tenantId: string | Unknown;
  subscriptionId: string | Unknown;
  resourceGroupName: string | Unknown;
  managementGroupName: string | Unknown;
  resourceGroup: ArmValue;
  subscription: ArmValue;
  tenant: ArmValue;
  managementGroup: ArmValue;
  deployment: ArmValue;
  environment: ArmValue;
}

/**
 * What the caller knows of the deployment. Every field is optional; a value may be an `Unknown` when the caller
 * wants expressions that depend on it to stay unknown.
 */
export interface DeploymentScopeOptions {
  kind?: DeploymentScopeKind;
  tenantId?: string | Unknown;
  subscriptionId?: string | Unknown;
  subscriptionDisplayName?: string | Unknown;
  resourceGroupName?: string | Unknown;
  /** Location of the resource group (resource group scope) or of the deployment (other scopes). */
  location?: string | Unknown;
  managementGroupName?: string | Unknown;
  deploymentName?: string | Unknown;
  /** Replaces the public-cloud value of `environment()`, for sovereign clouds. */
  environment?: ArmValue;
}

/**
 * Placeholders used where the caller gives no value. They are not real Azure values: they only keep IDs built from
 * the scope well-formed and equal to each other within one template, so resources can still be joined. Results
 * hashed from them (`uniqueString(resourceGroup().id)`) differ from those of a real deployment.
 */
export const SCOPE_PLACEHOLDERS = {
  tenantId: '00000000-0000-0000-0000-000000000000',
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  subscriptionDisplayName: 'subscription',
  resourceGroupName: 'resource-group',
  location: 'location',
  managementGroupName: 'management-group',
  deploymentName: 'deployment',
} as const;

/** `environment()` in the Azure public cloud, as the ARM deployment-functions page documents it. */
export const PUBLIC_CLOUD_ENVIRONMENT = {
  name: 'AzureCloud',
  gallery: 'https://gallery.azure.com/',
  graph: 'https://graph.windows.net/',
  portal: 'https://portal.azure.com',
  graphAudience: 'https://graph.windows.net/',
  activeDirectoryDataLake: 'https://datalake.azure.net/',
  batch: 'https://batch.core.windows.net/',
  media: 'https://rest.media.azure.net',
  sqlManagement: 'https://management.core.windows.net:8443/',
  vmImageAliasDoc:
    'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
  resourceManager: 'https://management.azure.com/',
  authentication: {
    loginEndpoint: 'https://login.microsoftonline.com/',
    audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
    tenant: 'common',
    identityProvider: 'AAD',
  },
  suffixes: {
    acrLoginServer: '.azurecr.io',
    azureDatalakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
    azureDatalakeStoreFileSystem: 'azuredatalakestore.net',
    azureFrontDoorEndpointSuffix: 'azurefd.net',
    keyvaultDns: '.vault.azure.net',
    sqlServerHostname: '.database.windows.net',
    storage: 'core.windows.net',
  },
} as const;

/** The scope values for a deployment, with `SCOPE_PLACEHOLDERS` wherever `options` says nothing. */
export function deploymentScope(options: DeploymentScopeOptions = {}): DeploymentScope {
  const kind = options.kind ?? 'resourceGroup';
  const tenantId = options.tenantId ?? SCOPE_PLACEHOLDERS.tenantId;
  const subscriptionId = options.subscriptionId ?? SCOPE_PLACEHOLDERS.subscriptionId;
  const resourceGroupName = options.resourceGroupName ?? SCOPE_PLACEHOLDERS.resourceGroupName;
  const managementGroupName = options.managementGroupName ?? SCOPE_PLACEHOLDERS.managementGroupName;
  const location = options.location ?? SCOPE_PLACEHOLDERS.location;
  const deploymentName = options.deploymentName ?? SCOPE_PLACEHOLDERS.deploymentName;

  const subscriptionIdPath = joinParts(['/subscriptions/', subscriptionId]);
  const deploymentValue = object({
    name: deploymentName,
    properties: object({
      template: object({ contentVersion: '1.0.0.0' }),
      parameters: object({}),
      mode: 'Incremental',
      provisioningState: 'Accepted',
    }),
  });
  if (kind !== 'resourceGroup') setProperty(deploymentValue, 'location', location);

  return {
    kind,
    tenantId,
    subscriptionId,
    resourceGroupName,
    managementGroupName,
    resourceGroup: object({
      id: joinParts(['/subscriptions/', subscriptionId, '/resourceGroups/', resourceGroupName]),
      name: resourceGroupName,
      type: 'Microsoft.Resources/resourceGroups',
      location,
      properties: object({ provisioningState: 'Succeeded' }),
    }),
    subscription: object({
      id: subscriptionIdPath,
      subscriptionId,
      tenantId,
      displayName: options.subscriptionDisplayName ?? SCOPE_PLACEHOLDERS.subscriptionDisplayName,
    }),
    tenant: object({ id: joinParts(['/tenants/', tenantId]), tenantId }),
    managementGroup: object({
      id: joinParts(['/providers/Microsoft.Management/managementGroups/', managementGroupName]),
      name: managementGroupName,
      type: 'Microsoft.Management/managementGroups',
    }),
    deployment: deploymentValue,
    environment: options.environment ?? fromJson(PUBLIC_CLOUD_ENVIRONMENT),
  };
}

function object(entries: Record<string, ArmValue>): ArmObject {
  const out: ArmObject = {};
  for (const [key, value] of Object.entries(entries)) setProperty(out, key, value);
  return out;
}

/** Copy-loop state for `copyIndex()`. */
export interface CopyState {
  /** Iteration of the loop that copies the resource being evaluated: `copyIndex()` without a loop name. */
  index?: number;
  /** Iteration of each named loop (property and variable loops): `copyIndex('name')`. Names are case-insensitive. */
  named?: Readonly<Record<string, number>>;
}

/** What `reference()` asks the caller. */
export interface ReferenceRequest {
  /** The first argument as written: a resource ID, or (without a leading '/') a resource or symbolic name. */
  target: string;
  /** The resource ID: the target itself, or the `id` the caller's `resolveResourceInfo` gives for a name. */
  resourceId?: string;
  apiVersion?: string;
  /** Whether the third argument was 'Full': the path then starts at the resource (`properties`, `identity`, ...). */
  full: boolean;
  /** The properties and indexes the expression reads from the result, in order: `reference(x).a[0]` is ['a', 0]. */
  path: readonly PathSegment[];
  /** The ref the result gets when the caller does not know it (see refs.ts). */
  ref: string;
}

/**
 * Everything an expression can read. Only what the template uses is needed; all fields are optional.
 */
export interface EvaluationContext {
  /** Parameter values, already resolved (value given, else default); an Unknown where there is neither. */
  parameters?: Readonly<Record<string, unknown>>;
  /** The template's `variables` section as written: evaluated lazily, once each, with cycle detection. */
  variables?: Readonly<Record<string, unknown>>;
  /** The template's `functions` section as written (user-defined functions by namespace). */
  functions?: unknown;
  /** Deployment scope; `deploymentScope()` with placeholders when absent. */
  scope?: DeploymentScope;
  /** Copy-loop state; without it `copyIndex()` is unknown. */
  copy?: CopyState;
  /**
   * The value `reference()` reads, when the caller knows it (for example an input the template itself configures).
   * Return undefined for a value known only after deployment: it becomes an Unknown named by `request.ref`.
   */
  resolveReference?: (request: ReferenceRequest) => ArmValue | undefined;
  /**
   * For templates with symbolic names (`languageVersion: '2.0'`): what `resourceInfo(name)` returns (at least `id`,
   * `name`, `type`, `apiVersion`), and the resource ID that `reference(name)` refers to. Undefined when the name is
   * not a resource of the template.
   */
  resolveResourceInfo?: (symbolicName: string) => ArmValue | undefined;
}
