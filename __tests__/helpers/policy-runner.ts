import { builtInPolicyDir } from '../../src/package-files.js';
import { evaluatePolicy, type Status } from '../../src/policy/evaluate.js';
import { loadPolicies, type CompiledPolicy } from '../../src/policy/load.js';
import { plan, readPlanObject, type TestResource } from './plans.js';

let builtIns: Promise<CompiledPolicy[]> | undefined;

/**
 * Runs one built-in policy over the entities of a Terraform plan, as the scan does (adapter, linker, engine), and
 * gives each entity of the policy's target its status, keyed by address.
 */
export async function statuses(
  policyId: string,
  resources: TestResource[],
  variables: Record<string, unknown> = {},
): Promise<Record<string, Status>> {
  builtIns ??= loadPolicies([{ dir: builtInPolicyDir(), builtIn: true }]);
  const policy = (await builtIns).find((p) => p.policy.id === policyId);
  if (policy === undefined) throw new Error(`no built-in policy ${policyId}`);
  const { entities } = await readPlanObject(plan(resources, { variables }));
  return Object.fromEntries(
    entities[policy.policy.target].map((e) => [e.key, evaluatePolicy(policy, e).status]),
  );
}

/** Each entity's full verdict (status, severity and the resources it blames), for tests that look beyond status. */
export async function verdicts(
  policyId: string,
  resources: TestResource[],
): Promise<Record<string, { status: Status; severity: string; culprits: string[] }>> {
  builtIns ??= loadPolicies([{ dir: builtInPolicyDir(), builtIn: true }]);
  const policy = (await builtIns).find((p) => p.policy.id === policyId);
  if (policy === undefined) throw new Error(`no built-in policy ${policyId}`);
  const { entities } = await readPlanObject(plan(resources));
  return Object.fromEntries(
    entities[policy.policy.target].map((e) => {
      const v = evaluatePolicy(policy, e);
      return [
        e.key,
        { status: v.status, severity: v.severity, culprits: (v.culprits ?? []).map((c) => c.key) },
      ];
    }),
  );
}
