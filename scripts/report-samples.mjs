// Terraform plans (`terraform show -json` shape) that exercise the PR comment: one cluster, many clusters, clusters
// made by `count`, a cluster with 45 role assignments, and a plan without AKS. The rendering test checks the
// markdown made from them; `npm run screenshots` draws it as GitHub would.
//
//   node scripts/report-samples.mjs <dir>   writes <dir>/<sample>/tfplan.json and main.tf for each sample

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000001';

/** Every prefix of a traversal, as Terraform lists references in `configuration`. */
function references(traversal) {
  const parts = [traversal];
  let rest = traversal;
  for (;;) {
    const cut = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('['));
    if (cut <= 0) break;
    rest = rest.slice(0, cut);
    if (rest.split('.').length >= 2) parts.push(rest);
  }
  return { references: parts };
}

function literal(value) {
  return { constant_value: value };
}

/**
 * One resource of the plan: its change and its configuration. `config` holds the expressions as written;
 * `index` makes it an instance of a `count` block.
 */
function res(type, name, after, { unknown = {}, config = {}, index } = {}) {
  const address = `${type}.${name}${index === undefined ? '' : `[${index}]`}`;
  return { address, type, name, index, after, unknown, config };
}

function cluster(name, { index, after = {}, unknown = {}, config = {} } = {}) {
  return res(
    'azurerm_kubernetes_cluster',
    name,
    {
      name: index === undefined ? name : `${name}-${index}`,
      resource_group_name: 'rg-aks',
      role_based_access_control_enabled: true,
      local_account_disabled: true,
      oidc_issuer_enabled: true,
      workload_identity_enabled: false,
      private_cluster_enabled: false,
      identity: [{ type: 'SystemAssigned' }],
      azure_active_directory_role_based_access_control: [{ managed: true, azure_rbac_enabled: true }],
      service_principal: [],
      ...after,
    },
    {
      index,
      unknown: {
        id: true,
        identity: [{ principal_id: true, tenant_id: true }],
        kubelet_identity: true,
        oidc_issuer_url: true,
        node_resource_group_id: true,
        ...unknown,
      },
      config: {
        name: literal(name),
        identity: [{ type: literal('SystemAssigned') }],
        local_account_disabled: literal(after.local_account_disabled ?? true),
        ...config,
      },
    },
  );
}

/** A role assignment to an identity of a cluster (a traversal such as `...kubelet_identity[0].object_id`). */
function grant(name, role, principal, scope, { index, principalReferences } = {}) {
  const literalScope = scope.startsWith('/');
  return res(
    'azurerm_role_assignment',
    name,
    { role_definition_name: role, ...(literalScope ? { scope } : {}) },
    {
      index,
      unknown: {
        id: true,
        principal_id: true,
        role_definition_id: true,
        ...(literalScope ? {} : { scope: true }),
      },
      config: {
        role_definition_name: literal(role),
        principal_id:
          principalReferences === undefined ? references(principal) : { references: principalReferences },
        ...(literalScope ? { scope: literal(scope) } : { scope: references(scope) }),
      },
    },
  );
}

function registry(name) {
  return res('azurerm_container_registry', name, { name, admin_enabled: false }, { unknown: { id: true } });
}

function plan(resources) {
  const configs = new Map();
  for (const r of resources) {
    const address = `${r.type}.${r.name}`;
    const known = configs.get(address);
    if (known !== undefined) continue;
    const config = { address, mode: 'managed', type: r.type, name: r.name, expressions: r.config };
    if (r.index !== undefined)
      config.count_expression = literal(
        resources.filter((x) => x.type === r.type && x.name === r.name).length,
      );
    configs.set(address, config);
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.4',
    planned_values: { root_module: { resources: [] } },
    resource_changes: resources.map((r) => ({
      address: r.address,
      mode: 'managed',
      type: r.type,
      name: r.name,
      ...(r.index === undefined ? {} : { index: r.index }),
      change: {
        actions: ['create'],
        before: null,
        after: r.after,
        after_unknown: r.unknown,
        before_sensitive: false,
        after_sensitive: {},
      },
    })),
    configuration: { root_module: { resources: [...configs.values()] } },
    variables: {},
  };
}

const KUBELET = (c) => `azurerm_kubernetes_cluster.${c}.kubelet_identity[0].object_id`;
const CONTROL_PLANE = (c) => `azurerm_kubernetes_cluster.${c}.identity[0].principal_id`;

/**
 * A cluster on its own subnet with a system-assigned control plane that is not granted the subnet, and a kubelet
 * that may do more than pull.
 */
function oneCluster() {
  return [
    res('azurerm_subnet', 'nodes', { name: 'snet-nodes' }, { unknown: { id: true } }),
    registry('acr'),
    cluster('aks', {
      after: { default_node_pool: [{ name: 'system' }] },
      unknown: { default_node_pool: [{ vnet_subnet_id: true }] },
      config: { default_node_pool: [{ vnet_subnet_id: references('azurerm_subnet.nodes.id') }] },
    }),
    grant('kubelet_acr', 'AcrPull', KUBELET('aks'), 'azurerm_container_registry.acr.id'),
    grant('kubelet_contributor', 'Contributor', KUBELET('aks'), `${SUBSCRIPTION}/resourceGroups/rg-aks`),
  ];
}

/**
 * Twenty-four clusters: some clean, some with local accounts on, no Entra ID block, broad kubelet grants or a
 * control plane that owns the subscription.
 */
function manyClusters() {
  const resources = [registry('shared')];
  for (let i = 0; i < 24; i++) {
    const name = `team${String(i).padStart(2, '0')}`;
    const after = {};
    if (i % 3 === 1) after.local_account_disabled = false;
    if (i % 4 === 2) after.azure_active_directory_role_based_access_control = [];
    resources.push(cluster(name, { after }));
    resources.push(grant(`${name}_pull`, 'AcrPull', KUBELET(name), 'azurerm_container_registry.shared.id'));
    if (i % 6 === 5) resources.push(grant(`${name}_owner`, 'Owner', CONTROL_PLANE(name), SUBSCRIPTION));
    if (i % 2 === 0) {
      for (const [j, role] of ['Contributor', 'Owner', 'User Access Administrator'].entries()) {
        resources.push(
          grant(`${name}_broad${j}`, role, KUBELET(name), `${SUBSCRIPTION}/resourceGroups/rg-${name}`),
        );
      }
    }
  }
  return resources;
}

/**
 * Five clusters from one block with `count`, local accounts left on, each with the application gateway add-on and a
 * grant to it that a plan cannot tie to one instance.
 */
function countClusters() {
  const resources = [res('azurerm_application_gateway', 'agw', { name: 'agw' }, { unknown: { id: true } })];
  for (let i = 0; i < 5; i++) {
    resources.push(
      cluster('agic', {
        index: i,
        after: { ingress_application_gateway: [{}], local_account_disabled: false },
        unknown: {
          ingress_application_gateway: [{ gateway_id: true, ingress_application_gateway_identity: true }],
        },
        config: {
          ingress_application_gateway: [{ gateway_id: references('azurerm_application_gateway.agw.id') }],
        },
      }),
    );
    resources.push(
      grant(
        'agic',
        'Contributor',
        'azurerm_kubernetes_cluster.agic[count.index].ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id',
        `${SUBSCRIPTION}/resourceGroups/rg-aks`,
        // What Terraform records for `agic[count.index]....object_id`: the resource and `count.index`, no attribute.
        { index: i, principalReferences: ['azurerm_kubernetes_cluster.agic', 'count.index'] },
      ),
    );
  }
  return resources;
}

/** One cluster whose kubelet holds 45 roles, more than the identity map draws. */
function fortyFiveGrants() {
  const resources = [cluster('big')];
  for (let i = 0; i < 45; i++) {
    const role = i % 5 === 0 ? 'Contributor' : 'Reader';
    resources.push(grant(`g${i}`, role, KUBELET('big'), `${SUBSCRIPTION}/resourceGroups/rg-${i}`));
  }
  return resources;
}

function noAks() {
  return [
    res(
      'azurerm_resource_group',
      'rg',
      { name: 'rg-web', location: 'westeurope' },
      { unknown: { id: true } },
    ),
    res('azurerm_storage_account', 'web', { name: 'stweb' }, { unknown: { id: true } }),
  ];
}

/**
 * The `.tf` the plan stands for, block by block (one per `count` block), so findings have lines to point at. The
 * bodies hold only what the report's readers need to find their place; the plan carries the values.
 */
function source(resources) {
  const blocks = new Map();
  for (const r of resources) {
    const key = `${r.type}.${r.name}`;
    if (blocks.has(key)) continue;
    const count = resources.filter((x) => x.type === r.type && x.name === r.name).length;
    const lines = [`resource "${r.type}" "${r.name}" {`];
    if (r.index !== undefined) lines.push(`  count = ${count}`);
    for (const [k, v] of Object.entries(r.after)) {
      if (typeof v === 'string' || typeof v === 'boolean') lines.push(`  ${k} = ${JSON.stringify(v)}`);
    }
    lines.push('}');
    blocks.set(key, lines.join('\n'));
  }
  return [...blocks.values()].join('\n\n') + '\n';
}

const SAMPLES = {
  'one-cluster': oneCluster,
  'many-clusters': manyClusters,
  'count-clusters': countClusters,
  '45-role-assignments': fortyFiveGrants,
  'no-aks': noAks,
};

/** The samples, by name: each a plan and the `main.tf` it was made from. */
export function reportSamples() {
  return Object.fromEntries(
    Object.entries(SAMPLES).map(([name, make]) => {
      const resources = make();
      return [name, { 'tfplan.json': plan(resources), 'main.tf': source(resources) }];
    }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (dir === undefined) {
    console.error('usage: node scripts/report-samples.mjs <dir>');
    process.exit(2);
  }
  for (const [name, files] of Object.entries(reportSamples())) {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'tfplan.json'), JSON.stringify(files['tfplan.json'], null, 2));
    writeFileSync(join(dir, name, 'main.tf'), files['main.tf']);
  }
}
