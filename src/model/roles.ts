/**
 * Built-in Azure role definitions the policies reason about. Built-in role GUIDs are the same in every tenant, so a
 * Terraform `role_definition_name` and an ARM `roleDefinitionId` resolve to one role. Sources for every GUID are in
 * docs/model.md (from the built-in roles page, terraform-provider-azurerm tests and published templates).
 */
export interface BuiltInRole {
  readonly name: string;
  readonly guid: string;
}

const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  { name: 'Owner', guid: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635' },
  { name: 'Contributor', guid: 'b24988ac-6180-42a0-ab88-20f7382dd24c' },
  { name: 'Reader', guid: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' },
  { name: 'User Access Administrator', guid: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9' },
  { name: 'Role Based Access Control Administrator', guid: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168' },
  { name: 'Network Contributor', guid: '4d97b98b-1d4f-4787-a291-c67834d212e7' },
  { name: 'AcrPull', guid: '7f951dda-4ed3-4680-a7ca-43fe172d538d' },
  { name: 'AcrPush', guid: '8311e382-0749-4cb8-b61a-304f252e45ec' },
  { name: 'Managed Identity Operator', guid: 'f1a07417-d97a-45cb-824c-7a7467783830' },
  { name: 'Key Vault Secrets User', guid: '4633458b-17de-408a-b874-0445c86b69e6' },
  { name: 'Key Vault Reader', guid: '21090545-7ca7-4776-b22c-e363652d74d2' },
  { name: 'Key Vault Administrator', guid: '00482a5a-887f-4fb3-b363-3b7fe8e74483' },
  { name: 'Azure Kubernetes Service RBAC Cluster Admin', guid: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b' },
  { name: 'Azure Kubernetes Service RBAC Admin', guid: '3498e952-d568-435e-9b2c-8d77e338d7f7' },
  { name: 'Azure Kubernetes Service RBAC Reader', guid: '7f6c6a51-bcf8-42ba-9220-52d62157d7db' },
  { name: 'Azure Kubernetes Service Cluster Admin Role', guid: '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8' },
  { name: 'Azure Kubernetes Service Cluster User Role', guid: '4abbcc35-e782-43d8-92c5-2d3f1bd2253f' },
  { name: 'Private DNS Zone Contributor', guid: 'b12aa53e-6015-4669-85d0-8515ebb3ae7f' },
  { name: 'DNS Zone Contributor', guid: 'befefa01-2a29-4197-83a8-272ff33ce314' },
  { name: 'Monitoring Metrics Publisher', guid: '3913510d-42f4-4e42-8a64-420c390055eb' },
  { name: 'Virtual Machine Contributor', guid: '9980e02c-c2be-4d73-94e8-173b1dc7cf3c' },
];

const byName = new Map(BUILT_IN_ROLES.map((r) => [r.name.toLowerCase(), r]));
const byGuid = new Map(BUILT_IN_ROLES.map((r) => [r.guid, r]));

const GUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The trailing GUID of a role definition ID in any of its forms (subscription-prefixed, tenant-level or bare). */
export function roleGuid(roleDefinitionId: string): string | undefined {
  return GUID.exec(roleDefinitionId.trim())?.[1]?.toLowerCase();
}

export function builtInRoleByName(name: string): BuiltInRole | undefined {
  return byName.get(name.trim().toLowerCase());
}

export function builtInRoleById(roleDefinitionId: string): BuiltInRole | undefined {
  const guid = roleGuid(roleDefinitionId);
  return guid === undefined ? undefined : byGuid.get(guid);
}
