/** A small custom policy, as a team would write one, for tests of custom policy directories. */
export const namingPolicy = {
  id: 'ORG001',
  title: 'Clusters are named aks-*',
  severity: 'low',
  target: 'cluster',
  assert: { field: 'name', like: 'aks-*' },
  message: "Cluster '{{name}}' does not follow the naming convention.",
  remediation: { summary: 'Rename it.' },
};
