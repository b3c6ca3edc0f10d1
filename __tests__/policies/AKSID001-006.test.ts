import { cluster } from '../helpers/tf.js';
import { statuses } from '../helpers/policy-runner.js';

const aks = 'azurerm_kubernetes_cluster.aks';

describe('AKSID001 managed identity', () => {
  it('passes a system-assigned cluster', async () => {
    expect(await statuses('AKSID001', [cluster('aks')])).toEqual({ [aks]: 'pass' });
  });
  it('fails a service-principal cluster', async () => {
    const sp = cluster('aks', { after: { identity: [], service_principal: [{ client_id: 'app' }] } });
    expect(await statuses('AKSID001', [sp])).toEqual({ [aks]: 'fail' });
  });
  it('is indeterminate when the identity block is computed', async () => {
    expect(
      await statuses('AKSID001', [
        cluster('aks', { after: { identity: undefined }, afterUnknown: { identity: true } }),
      ]),
    ).toEqual({ [aks]: 'indeterminate' });
  });
  it('does not apply to a cluster the plan deletes', async () => {
    const deleted = {
      ...cluster('aks'),
      actions: ['delete'],
      after: null,
      afterUnknown: {},
      before: { name: 'aks', identity: [], service_principal: [{ client_id: 'app' }] },
    };
    expect(await statuses('AKSID001', [deleted])).toEqual({ [aks]: 'not-applicable' });
  });
});

describe('AKSID002 service-principal secret in code', () => {
  const withSecret = (expression: unknown) =>
    cluster('aks', {
      after: { identity: [], service_principal: [{ client_id: 'app', client_secret: 'secret-value-1234' }] },
      expressions: { service_principal: [{ client_secret: expression }] },
    });
  it('fails a literal secret', async () => {
    expect(await statuses('AKSID002', [withSecret({ constant_value: 'secret-value-1234' })])).toEqual({
      [aks]: 'fail',
    });
  });
  it('passes a secret from a variable set outside the code', async () => {
    expect(
      await statuses('AKSID002', [withSecret({ references: ['var.secret'] })], { secret: { value: 'x' } }),
    ).toEqual({ [aks]: 'pass' });
  });
  it('does not apply to a managed-identity cluster', async () => {
    expect(await statuses('AKSID002', [cluster('aks')])).toEqual({ [aks]: 'not-applicable' });
  });
});

describe.each<[string, Record<string, unknown>, Record<string, unknown>]>([
  ['AKSID003', { local_account_disabled: true }, { local_account_disabled: false }],
  ['AKSID004', {}, { azure_active_directory_role_based_access_control: [] }],
  [
    'AKSID005',
    {},
    { azure_active_directory_role_based_access_control: [{ managed: true, azure_rbac_enabled: false }] },
  ],
  ['AKSID006', {}, { role_based_access_control_enabled: false }],
])('%s', (id, passing, failing) => {
  it('passes the compliant setting', async () => {
    expect(await statuses(id, [cluster('aks', { after: passing })])).toEqual({ [aks]: 'pass' });
  });
  it('fails the non-compliant one', async () => {
    expect(await statuses(id, [cluster('aks', { after: failing })])).toEqual({ [aks]: 'fail' });
  });
});

describe('settings known only after apply', () => {
  it.each([
    ['AKSID003', { local_account_disabled: true }],
    ['AKSID004', { azure_active_directory_role_based_access_control: true }],
    ['AKSID005', { azure_active_directory_role_based_access_control: [{ azure_rbac_enabled: true }] }],
    ['AKSID006', { role_based_access_control_enabled: true }],
  ])('%s is indeterminate', async (id, afterUnknown) => {
    const c = cluster('aks', { afterUnknown });
    const after = c.after as Record<string, unknown>;
    delete after['local_account_disabled'];
    delete after['role_based_access_control_enabled'];
    if (id === 'AKSID004') delete after['azure_active_directory_role_based_access_control'];
    if (id === 'AKSID005') after['azure_active_directory_role_based_access_control'] = [{ managed: true }];
    expect(await statuses(id, [c])).toEqual({ [aks]: 'indeterminate' });
  });
});
