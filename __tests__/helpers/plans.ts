import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readInputs, type InputsRead } from '../../src/inputs/read-inputs.js';
import { linkEntities } from '../../src/model/link.js';
import type { EntitiesByKind } from '../../src/model/entities.js';

/**
 * Small Terraform plans written for a test, in the shape of `terraform show -json` (format_version 1.2), for the
 * cases the real plans in ../shared/fixtures do not show: updates, deletes, replacements, count and for_each.
 */
export interface TestResource {
  address: string;
  type: string;
  actions?: string[];
  after?: Record<string, unknown> | null;
  afterUnknown?: Record<string, unknown>;
  afterSensitive?: Record<string, unknown>;
  before?: Record<string, unknown> | null;
  expressions?: Record<string, unknown>;
  /** Leave the resource out of the plan's configuration, as some tools do (and as a misread module would). */
  noConfiguration?: boolean;
  index?: string | number;
}

/**
 * What an azurerm 3.x plan writes for the identity settings of a cluster that leaves them unset (null: AKS's
 * default applies). A real plan always states every attribute of the provider's schema.
 */
export const UNSET_CLUSTER_SETTINGS = {
  role_based_access_control_enabled: true,
  local_account_disabled: null,
  oidc_issuer_enabled: null,
  workload_identity_enabled: false,
  private_cluster_enabled: false,
  azure_active_directory_role_based_access_control: [],
  service_principal: [],
} as const;

/** Blocks AKS fills in itself; a test that brings one writes its expression. */
const PROVIDER_FILLED = new Set(['kubelet_identity']);

/**
 * The configuration a real plan records for what `after` shows: each known top-level value the user would have
 * written (a literal, or a block with its literals), unless the test gives the key's expression itself.
 */
function configured(r: TestResource): Record<string, unknown> {
  const derived: Record<string, unknown> = {};
  const unknown = r.afterUnknown ?? {};
  for (const [key, value] of Object.entries(r.after ?? {})) {
    if (value === null || value === undefined || unknown[key] === true || PROVIDER_FILLED.has(key)) continue;
    const asExpression = toExpression(value);
    if (asExpression !== undefined) derived[key] = asExpression;
  }
  return { ...derived, ...(r.expressions ?? {}) };
}

function toExpression(value: unknown): unknown {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'object' && v !== null)) {
    return value.map((block: Record<string, unknown>) => {
      const inner: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(block)) {
        if (v === null || v === undefined) continue;
        const e = toExpression(v);
        if (e !== undefined) inner[k] = e;
      }
      return inner;
    });
  }
  if (Array.isArray(value) && value.length === 0) return undefined;
  return { constant_value: value };
}

export function plan(
  resources: TestResource[],
  extra: { modules?: Record<string, unknown>; variables?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const configResources = new Map<string, unknown>();
  for (const r of resources) {
    if (r.address.startsWith('module.') || r.noConfiguration === true) continue;
    const configAddress = r.address.replace(/\[[^\]]*\]$/, '');
    const data = configAddress.startsWith('data.');
    const [type, name] = configAddress.split('.').slice(data ? 1 : 0);
    configResources.set(configAddress, {
      address: configAddress,
      mode: data ? 'data' : 'managed',
      type,
      name,
      expressions: configured(r),
    });
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.4',
    planned_values: { root_module: { resources: [] } },
    resource_changes: resources.map((r) => ({
      address: r.address,
      mode: r.address.startsWith('data.') ? 'data' : 'managed',
      type: r.type,
      name: r.address.split('.').pop()?.replace(/\[.*$/, ''),
      ...(r.index === undefined ? {} : { index: r.index }),
      change: {
        actions: r.actions ?? ['create'],
        before: r.before ?? null,
        after: r.after === undefined ? {} : r.after,
        after_unknown: r.afterUnknown ?? {},
        before_sensitive: false,
        after_sensitive: r.afterSensitive ?? {},
      },
    })),
    configuration: {
      root_module: { resources: [...configResources.values()], module_calls: extra.modules ?? {} },
    },
    variables: extra.variables ?? {},
  };
}

export async function writeTemp(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aks-identity-lint-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

export async function readPlanObject(
  planObject: unknown,
  tfFiles: Record<string, string> = {},
): Promise<{ read: InputsRead; entities: EntitiesByKind; dir: string }> {
  const dir = await writeTemp({ 'tfplan.json': planObject, ...tfFiles });
  const read = await readInputs([join(dir, 'tfplan.json')], { repoRoot: dir });
  return { read, entities: linkEntities(read.entities), dir };
}

/**
 * `count` clusters with a service principal and local accounts, each failing AKSID001, AKSID003 and AKSID004 (high)
 * and AKSID005 (medium), and the main.tf that declares them: for tests of many findings.
 */
export function failingClusters(count: number): { plan: Record<string, unknown>; tf: string } {
  const resources: TestResource[] = [];
  const tf: string[] = [];
  for (let i = 0; i < count; i++) {
    tf.push(`resource "azurerm_kubernetes_cluster" "c${i}" {\n  name = "aks-${i}"\n}\n`);
    resources.push({
      address: `azurerm_kubernetes_cluster.c${i}`,
      type: 'azurerm_kubernetes_cluster',
      after: {
        ...UNSET_CLUSTER_SETTINGS,
        name: `aks-${i}`,
        identity: [],
        service_principal: [{ client_id: `app-${i}` }],
        local_account_disabled: false,
      },
    });
  }
  return { plan: plan(resources), tf: tf.join('\n') };
}
