import { dirname } from 'node:path';
import type { Cluster, Entity, EntityKind, EntitySource, SkippedResource } from '../../model/entities.js';
import { adapterOutput, type AdapterOutput } from '../adapter-output.js';
import type { JsonDocument } from '../json-file.js';
import { asObject } from '../json-value.js';
import { assembleEntity, type EntityMappings } from '../assemble-entity.js';
import { redactSecrets } from '../redact.js';
import { mapCluster } from './map-cluster.js';
import { mapRoleAssignment } from './map-role-assignment.js';
import { mapFederatedCredential, mapManagedIdentity, mapRegistry, mapRoleDefinition } from './map-simple.js';
import { applyAzapiPatches } from './azapi-patches.js';
import { attachNodePoolSubnets } from './node-pools.js';
import { setNodeResourceGroupIds } from './node-resource-group.js';
import { readPlan, type PlannedResource } from './plan.js';
import { PlanConfiguration } from './plan-config.js';
import { DeclarationFinder } from './source-lines.js';
import { ResourceView, type PlanContext } from './resource-view.js';

export interface TerraformInputOptions {
  /** Absolute path of the plan file. */
  path: string;
  /** Absolute path that reported file names are relative to. */
  repoRoot: string;
  /** Directory of the root module's .tf files; defaults to the plan file's directory. */
  terraformDir?: string;
}

export type { AdapterOutput };

/** azapi resources that set properties of an existing ARM resource. */
const AZAPI_PATCHES = new Set(['azapi_update_resource']);

const ENTITY_OF_TYPE: Record<string, EntityKind> = {
  azurerm_kubernetes_cluster: 'cluster',
  azurerm_user_assigned_identity: 'managedIdentity',
  azurerm_role_assignment: 'roleAssignment',
  azurerm_role_definition: 'roleDefinition',
  azurerm_federated_identity_credential: 'federatedCredential',
  azurerm_container_registry: 'registry',
};

/** Terraform plan JSON (`terraform show -json <planfile>`, format_version 1.x) to model entities. */
export async function readTerraformPlan(
  document: JsonDocument,
  options: TerraformInputOptions,
): Promise<AdapterOutput> {
  const plan = readPlan(document.value, document.file);
  const ctx: PlanContext = { plan, config: new PlanConfiguration(plan.configuration, plan.variables) };
  const finder = new DeclarationFinder(
    options.terraformDir ?? dirname(options.path),
    options.repoRoot,
    plan.configuration,
  );
  const secrets = new Set<string>(sensitiveVariableValues(plan.configuration, plan.variables));
  const entities: Entity[] = [];
  const skipped: SkippedResource[] = [];
  const unsupported: Record<string, number> = {};
  const nodePools: PlannedResource[] = [];
  const azapiPatches: PlannedResource[] = [];

  for (const resource of plan.resources) {
    const kind = resource.mode === 'managed' ? ENTITY_OF_TYPE[resource.type] : undefined;
    if (resource.mode === 'managed' && resource.type === 'azurerm_kubernetes_cluster_node_pool') {
      nodePools.push(resource);
      continue;
    }
    if (resource.mode === 'managed' && AZAPI_PATCHES.has(resource.type) && resource.action !== 'delete') {
      azapiPatches.push(resource);
      continue;
    }
    if (kind === undefined) {
      // Not modelled, but its sensitive values may surface elsewhere (a module output, a message): scrub them too.
      redactSecrets(resource.after, resource.afterSensitive, (s) => secrets.add(s));
      const type = resource.mode === 'data' ? `data.${resource.type}` : resource.type;
      unsupported[type] = (unsupported[type] ?? 0) + 1;
      continue;
    }
    const skip = (reason: string): void => {
      skipped.push({ file: document.file, address: resource.address, type: resource.type, reason });
    };
    if (resource.action === undefined) {
      skip(`unrecognised change actions [${resource.actions.join(', ')}]`);
      continue;
    }
    const current =
      resource.action === 'delete' ? ResourceView.before(resource, ctx) : ResourceView.after(resource, ctx);
    if (current === undefined || (resource.after === undefined && resource.before === undefined)) {
      skip('the plan has no values for it');
      continue;
    }
    const declaration = await finder.find(resource.address);
    const source: EntitySource = { format: 'terraform-plan', file: document.file, pointer: resource.pointer };
    if ('location' in declaration) source.declaration = declaration.location;
    else source.declarationNote = declaration.note;

    const rawValues = resource.action === 'delete' ? resource.before : resource.after;
    const rawSensitive = resource.action === 'delete' ? resource.beforeSensitive : resource.afterSensitive;
    const raw = redactSecrets(rawValues, rawSensitive, (s) => secrets.add(s));
    redactSecrets(resource.before, resource.beforeSensitive, (s) => secrets.add(s));
    const previous = resource.action === 'delete' ? undefined : ResourceView.before(resource, ctx);
    const entity = buildEntity(kind, current, previous, resource, source, raw);
    await locateFields(current, finder, source);
    entities.push(entity);
  }

  const clusters = entities.filter((e): e is Cluster => e.kind === 'cluster');
  setNodeResourceGroupIds(clusters, ctx);
  const unattached = attachNodePoolSubnets(
    nodePools.map((pool) => ResourceView.after(pool, ctx)),
    clusters,
  );
  const unpatched = applyAzapiPatches(
    azapiPatches.map((patch) => ResourceView.after(patch, ctx)),
    clusters,
  );
  for (const patch of unpatched) {
    skipped.push({
      file: document.file,
      address: patch.address,
      type: patch.resource.type,
      reason: 'it patches a cluster that is not in this plan (or not a cluster)',
    });
  }
  for (const pool of unattached) {
    skipped.push({
      file: document.file,
      address: pool.address,
      type: pool.resource.type,
      reason: "its cluster is not in this plan, so its subnet cannot be added to a cluster's network",
    });
  }

  return adapterOutput({
    file: document.file,
    format: 'terraform-plan',
    entities,
    skipped,
    secrets,
    unsupported,
    scanned: entities.length + nodePools.length - unattached.length + azapiPatches.length - unpatched.length,
  });
}

const TERRAFORM_MAPPINGS: EntityMappings<ResourceView> = {
  cluster: mapCluster,
  managedIdentity: mapManagedIdentity,
  roleAssignment: mapRoleAssignment,
  roleDefinition: mapRoleDefinition,
  federatedCredential: mapFederatedCredential,
  registry: mapRegistry,
};

function buildEntity(
  kind: EntityKind,
  current: ResourceView,
  previous: ResourceView | undefined,
  resource: PlannedResource,
  source: EntitySource,
  raw: unknown,
): Entity {
  const key =
    resource.deposed === undefined
      ? resource.address
      : `${resource.address} (deposed object ${resource.deposed})`;
  return assembleEntity(kind, TERRAFORM_MAPPINGS, current, previous, {
    key,
    source,
    raw,
    action: resource.action ?? 'none',
  });
}

/** Finds the source lines of the values that decided fields (a secret written in code), as the mapping noted them. */
async function locateFields(
  view: ResourceView,
  finder: DeclarationFinder,
  source: EntitySource,
): Promise<void> {
  for (const [field, origin] of view.origins) {
    const location =
      'attribute' in origin
        ? await finder.findAttribute(view.address, origin.attribute)
        : await finder.findVariableDefault(origin.variable.module, origin.variable.name);
    if (location === undefined) continue;
    source.fieldLocations ??= {};
    source.fieldLocations[field] = location;
  }
}

/** Values of root variables declared `sensitive = true`: a secret passed in from outside is still a secret. */
function sensitiveVariableValues(configuration: unknown, variables: Record<string, unknown>): string[] {
  const declared = asObject(asObject(asObject(configuration)?.['root_module'])?.['variables']) ?? {};
  const values: string[] = [];
  for (const [name, declaration] of Object.entries(declared)) {
    if (asObject(declaration)?.['sensitive'] !== true) continue;
    redactSecrets(asObject(variables[name])?.['value'], true, (s) => values.push(s));
  }
  return values;
}
