/** Where a reviewer opens an Azure resource: its page in the Azure portal, by resource ID. */
export function azurePortalUrl(resourceId: string): string {
  return `https://portal.azure.com/#resource${resourceId}`;
}
