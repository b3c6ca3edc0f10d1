import { evaluateAll } from '../../src/policy/evaluate.js';
import { loadPolicies } from '../../src/policy/load.js';
import { builtInPolicyDir } from '../../src/package-files.js';
import { applyWaivers, today } from '../../src/suppress/waivers.js';
import type { Evaluation } from '../../src/policy/evaluate.js';
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

describe('a waiver', () => {
  async function failures(): Promise<Evaluation[]> {
    const policies = await loadPolicies([{ dir: builtInPolicyDir(), builtIn: true }]);
    const { entities } = await readPlanObject(
      plan([
        // Failing AKSID004 too (no Entra ID integration), so a waiver of AKSID003 has another policy to leave alone.
        cluster('legacy', {
          after: {
            local_account_disabled: false,
            name: 'aks-legacy',
            azure_active_directory_role_based_access_control: [],
          },
        }),
        cluster('other', { after: { local_account_disabled: false, name: 'aks-other' } }),
      ]),
    );
    const found = evaluateAll(
      policies.filter((p) => ['AKSID003', 'AKSID004'].includes(p.policy.id)),
      entities,
    ).filter((e) => e.status === 'fail');
    expect(found.map((e) => `${e.policy.policy.id} ${e.entity.key}`).sort()).toEqual([
      'AKSID003 azurerm_kubernetes_cluster.legacy',
      'AKSID003 azurerm_kubernetes_cluster.other',
      'AKSID004 azurerm_kubernetes_cluster.legacy',
    ]);
    return found;
  }
  const waiver = { policy: 'AKSID003', resource: 'aks-legacy', reason: 'CHG-2' };

  it('matches its policy and its resource (by name here), nothing else, and says where it is written', async () => {
    const evaluations = await failures();
    const [state] = applyWaivers(evaluations, [waiver], 'cfg.json', '2026-11-26');
    expect(state).toMatchObject({ source: 'cfg.json /waivers/0', matched: 1, expired: false });
    const waived = evaluations.filter((e) => e.suppression !== undefined);
    expect(waived.map((e) => [e.policy.policy.id, e.entity.key])).toEqual([
      ['AKSID003', 'azurerm_kubernetes_cluster.legacy'],
    ]);
    expect(waived[0]?.suppression).toEqual({
      kind: 'waiver',
      reason: 'CHG-2',
      source: 'cfg.json /waivers/0',
    });
  });

  it('lasts through its expiry day, and after it stops waiving but is recorded on the finding', async () => {
    const onTheDay = await failures();
    const [active] = applyWaivers(onTheDay, [{ ...waiver, expires: '2026-11-26' }], 'cfg.json', '2026-11-26');
    expect(active?.expired).toBe(false);
    expect(onTheDay.filter((e) => e.suppression !== undefined)).toHaveLength(1);

    const dayAfter = await failures();
    const [expired] = applyWaivers(
      dayAfter,
      [{ ...waiver, expires: '2026-11-26' }],
      'cfg.json',
      '2026-11-27',
    );
    expect(expired).toMatchObject({ expired: true, matched: 1 });
    expect(dayAfter.filter((e) => e.suppression !== undefined)).toEqual([]);
    expect(dayAfter.filter((e) => e.expiredWaiver !== undefined).map((e) => e.entity.key)).toEqual([
      'azurerm_kubernetes_cluster.legacy',
    ]);
  });

  it('that an earlier waiver already matched keeps the first reason', async () => {
    const evaluations = await failures();
    applyWaivers(evaluations, [waiver, { ...waiver, reason: 'second' }], 'cfg.json', '2026-11-26');
    const waived = evaluations.find((e) => e.suppression !== undefined);
    expect(waived?.suppression?.reason).toBe('CHG-2');
  });

  it('with * matches any resource of its policy; an empty name never matches by accident', async () => {
    const evaluations = await failures();
    const [all] = applyWaivers(evaluations, [{ ...waiver, resource: 'aks-*' }], 'cfg.json', '2026-11-26');
    expect(all?.matched).toBe(2);
    const unnamed = (await failures()).map((e) => ({ ...e, entity: { ...e.entity, name: '' } }));
    const [none] = applyWaivers(unnamed, [{ ...waiver, resource: '' }], 'cfg.json', '2026-11-26');
    expect(none?.matched).toBe(0);
  });
});

describe('today', () => {
  it('is the UTC date, or AKS_IDENTITY_LINT_TODAY when that is a date', () => {
    expect(today({})).toBe(new Date().toISOString().slice(0, 10));
    expect(today({ AKS_IDENTITY_LINT_TODAY: '2027-01-02' })).toBe('2027-01-02');
    for (const bad of ['2027-1-02', 'x2027-01-02', '2027-01-02x', '20270-01-02', '2027-01-0'])
      expect(today({ AKS_IDENTITY_LINT_TODAY: bad })).toBe(new Date().toISOString().slice(0, 10));
  });
});
