import type { ScopeLevel } from '../../model/scope.js';

/**
 * What the `id` of a Terraform resource type is, as an ARM scope. When a role assignment's scope is only known after
 * apply, this still tells its level and resource type from the resource it references.
 */
const SCOPE_OF_TYPE: Record<string, { level: ScopeLevel; resourceType?: string }> = {
  azurerm_management_group: { level: 'managementGroup' },
  'data.azurerm_management_group': { level: 'managementGroup' },
  azurerm_subscription: { level: 'subscription' },
  'data.azurerm_subscription': { level: 'subscription' },
  azurerm_resource_group: { level: 'resourceGroup' },
  'data.azurerm_resource_group': { level: 'resourceGroup' },
  azurerm_kubernetes_cluster: {
    level: 'resource',
    resourceType: 'Microsoft.ContainerService/managedClusters',
  },
  azurerm_virtual_network: { level: 'resource', resourceType: 'Microsoft.Network/virtualNetworks' },
  azurerm_subnet: { level: 'resource', resourceType: 'Microsoft.Network/virtualNetworks/subnets' },
  azurerm_route_table: { level: 'resource', resourceType: 'Microsoft.Network/routeTables' },
  azurerm_public_ip: { level: 'resource', resourceType: 'Microsoft.Network/publicIPAddresses' },
  azurerm_application_gateway: { level: 'resource', resourceType: 'Microsoft.Network/applicationGateways' },
  azurerm_network_security_group: {
    level: 'resource',
    resourceType: 'Microsoft.Network/networkSecurityGroups',
  },
  azurerm_nat_gateway: { level: 'resource', resourceType: 'Microsoft.Network/natGateways' },
  azurerm_private_dns_zone: { level: 'resource', resourceType: 'Microsoft.Network/privateDnsZones' },
  azurerm_dns_zone: { level: 'resource', resourceType: 'Microsoft.Network/dnsZones' },
  azurerm_container_registry: { level: 'resource', resourceType: 'Microsoft.ContainerRegistry/registries' },
  azurerm_user_assigned_identity: {
    level: 'resource',
    resourceType: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  },
  azurerm_key_vault: { level: 'resource', resourceType: 'Microsoft.KeyVault/vaults' },
  azurerm_storage_account: { level: 'resource', resourceType: 'Microsoft.Storage/storageAccounts' },
  azurerm_log_analytics_workspace: {
    level: 'resource',
    resourceType: 'Microsoft.OperationalInsights/workspaces',
  },
  azurerm_disk_encryption_set: { level: 'resource', resourceType: 'Microsoft.Compute/diskEncryptionSets' },
};

export function scopeOfResourceType(
  terraformType: string,
): { level: ScopeLevel; resourceType?: string } | undefined {
  const direct = SCOPE_OF_TYPE[terraformType];
  if (direct !== undefined) return direct;
  const managedType = terraformType.startsWith('data.') ? terraformType.slice(5) : terraformType;
  // Data sources read the same resources as their managed counterparts; any other azurerm resource's ID is a
  // resource-level scope even when its ARM type is not in the table.
  return (
    SCOPE_OF_TYPE[managedType] ?? (managedType.startsWith('azurerm_') ? { level: 'resource' } : undefined)
  );
}
