import { evaluateAll } from '../../src/policy/evaluate.js';
import { loadPolicies } from '../../src/policy/load.js';
import { builtInPolicyDir } from '../../src/package-files.js';
import { applyWaivers } from '../../src/suppress/waivers.js';
import { plan, readPlanObject } from '../helpers/plans.js';
import { cluster } from '../helpers/tf.js';

// Waivers decide what a reviewer accepted; the process-level tests (suppressions.test.ts) show them in reports.

describe('applyWaivers', () => {
  it('waives an indeterminate finding as it waives a failure, and passes no judgement on a pass', async () => {
    const policies = await loadPolicies([{ dir: builtInPolicyDir(), builtIn: true }]);
    const { entities } = await readPlanObject(
      plan([
        cluster('legacy', { after: { local_account_disabled: false } }),
        // AKSID003 cannot be decided while local_account_disabled is computed.
        cluster('later', {
          after: { local_account_disabled: null },
          afterUnknown: { local_account_disabled: true },
        }),
        cluster('good'),
      ]),
    );
    const evaluations = evaluateAll(
      policies.filter((p) => p.policy.id === 'AKSID003'),
      entities,
    );
    const statuses = Object.fromEntries(evaluations.map((e) => [e.entity.key, e.status]));
    expect(statuses).toEqual({
      'azurerm_kubernetes_cluster.legacy': 'fail',
      'azurerm_kubernetes_cluster.later': 'indeterminate',
      'azurerm_kubernetes_cluster.good': 'pass',
    });
    const [state] = applyWaivers(
      evaluations,
      [{ policy: 'aksid003', resource: 'azurerm_kubernetes_cluster.*', reason: 'migrating (CHG-1)' }],
      'config.json',
      '2026-11-26',
    );
    expect(state?.matched).toBe(2);
    const waived = evaluations.filter((e) => e.suppression !== undefined).map((e) => e.entity.key);
    expect(waived.sort()).toEqual(['azurerm_kubernetes_cluster.later', 'azurerm_kubernetes_cluster.legacy']);
  });
});
