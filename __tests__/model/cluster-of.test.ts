import { clusterOf } from '../../src/model/cluster-of.js';
import { plan, readPlanObject } from '../helpers/plans.js';
import { cluster, credential, identity, ref, roleAssignment } from '../helpers/tf.js';

// Which cluster's section of a report a result goes in.

describe('clusterOf', () => {
  it("groups a federated credential under its own cluster (the issuer it trusts), a grant under its principal's", async () => {
    const { entities } = await readPlanObject(
      plan([
        cluster('aks', { after: { oidc_issuer_enabled: true, workload_identity_enabled: true } }),
        identity('app'),
        credential('app', 'azurerm_user_assigned_identity.app', {}),
        roleAssignment(
          'pull',
          'AcrPull',
          'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id',
          '/subscriptions/s/resourceGroups/rg',
        ),
      ]),
    );
    const [aks] = entities.cluster;
    const [fic] = entities.federatedCredential;
    const [grant] = entities.roleAssignment;
    if (aks === undefined || fic === undefined || grant === undefined) throw new Error('entities missing');
    expect(clusterOf(aks)).toBe(aks);
    expect(fic.cluster).toBe(aks);
    expect(clusterOf(fic)).toBe(aks);
    expect(clusterOf(grant)).toBe(aks);
  });

  it('groups a federated credential by the cluster that uses its identity when the issuer names none', async () => {
    const { entities } = await readPlanObject(
      plan([
        // The cluster's control plane is the user-assigned identity cp.
        cluster('aks', {
          after: { oidc_issuer_enabled: true, identity: [{ type: 'UserAssigned' }] },
          afterUnknown: { identity: [{ identity_ids: true }] },
          expressions: { identity: [{ identity_ids: ref('azurerm_user_assigned_identity.cp.id') }] },
        }),
        identity('cp'),
        credential('ci', 'azurerm_user_assigned_identity.cp', {
          issuer: 'https://token.actions.githubusercontent.com',
        }),
      ]),
    );
    const [aks] = entities.cluster;
    const [cp] = entities.managedIdentity;
    const [fic] = entities.federatedCredential;
    if (aks === undefined || cp === undefined || fic === undefined) throw new Error('entities missing');
    expect(fic.cluster).toBeUndefined();
    expect(cp.usedBy.map((u) => u.cluster)).toEqual([aks]);
    expect(clusterOf(fic)).toBe(aks);
    expect(clusterOf(cp)).toBe(aks);
  });
});
