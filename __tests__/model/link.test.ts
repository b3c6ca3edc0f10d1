import { plan, readPlanObject } from '../helpers/plans.js';
import { cluster, credential, customRole, identity, roleAssignment } from '../helpers/tf.js';

// Linking: what the model says about who uses an identity and which role an assignment grants, beyond what the
// policy tests see through their verdicts.

describe('linking identities to clusters', () => {
  it('lists an identity once as a workload of a cluster, however many of its credentials trust that cluster', async () => {
    const { entities } = await readPlanObject(
      plan([
        cluster('aks', { after: { oidc_issuer_enabled: true, workload_identity_enabled: true } }),
        identity('app'),
        credential('app_api', 'azurerm_user_assigned_identity.app', {
          subject: 'system:serviceaccount:shop:api',
        }),
        credential('app_worker', 'azurerm_user_assigned_identity.app', {
          subject: 'system:serviceaccount:shop:worker',
        }),
      ]),
    );
    const [app] = entities.managedIdentity;
    expect(app?.federatedCredentials).toHaveLength(2);
    expect(app?.usedBy.map((u) => [u.cluster.key, u.as])).toEqual([
      ['azurerm_kubernetes_cluster.aks', 'workload'],
    ]);
  });
});

describe('linking role assignments to role definitions', () => {
  const KUBELET = 'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id';
  const SCOPE = '/subscriptions/0000/resourceGroups/rg';

  it('takes a custom role defined in the plan by its name', async () => {
    const { entities } = await readPlanObject(
      plan([
        cluster('aks'),
        customRole('puller', { actions: ['Microsoft.ContainerRegistry/registries/pull/read'] }),
        roleAssignment('custom', 'puller', KUBELET, SCOPE),
      ]),
    );
    const [assignment] = entities.roleAssignment;
    expect(assignment?.role).toMatchObject({ name: 'puller', builtIn: false });
  });

  it("keeps a built-in role's own permissions even when the plan defines a custom role of the same name", async () => {
    const { entities } = await readPlanObject(
      plan([
        cluster('aks'),
        // Azure refuses such a role at apply; the plan does not, and must not make Reader grant everything.
        customRole('Reader', { actions: ['*'] }),
        roleAssignment('reader', 'Reader', KUBELET, SCOPE),
      ]),
    );
    const assignment = entities.roleAssignment.find((a) => a.key === 'azurerm_role_assignment.reader');
    expect(assignment?.role.builtIn).toBe(true);
    expect(assignment?.role.permissions).toEqual([
      expect.objectContaining({ actions: ['*/read'], notActions: [] }),
    ]);
  });
});
