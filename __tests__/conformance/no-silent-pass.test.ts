import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readTerraformPlan } from '../../src/inputs/terraform/adapter.js';
import { linkEntities } from '../../src/model/link.js';
import { builtInPolicyDir } from '../../src/package-files.js';
import { evaluateAll, type Status } from '../../src/policy/evaluate.js';
import { loadPolicies, type CompiledPolicy } from '../../src/policy/load.js';
import { repoRoot } from '../helpers/fixtures.js';

/**
 * No pass whose deciding field was unresolved, on plans nobody here wrote (../shared/fixtures/terraform). Each plan
 * is scanned as it is, then again with part of what the adapter follows taken away: all of the configuration, one
 * resource's configuration at a time (as a misread module or a tool that drops it would), every nested block's
 * configuration (as `dynamic` blocks leave it), the variables' values, the module bodies. Knowing less may turn a
 * verdict into indeterminate, never into another verdict: a pass, failure or "not applicable" that appears only
 * when a value could not be followed would be a guess (a compliant default, or a link assumed absent).
 */
const sharedDir = resolve(process.env['AKS_IDENTITY_LINT_SHARED'] ?? join(repoRoot, '..', 'shared'));
const plansDir = join(sharedDir, 'fixtures', 'terraform');
const present = existsSync(plansDir);
if (!present) {
  process.stderr.write(`Skipping the no-silent-pass conformance tests: ${plansDir} is not here.\n`);
}

type Plan = Record<string, unknown> & { configuration?: { root_module?: ConfigModule } };
interface ConfigModule {
  resources?: { address: string; expressions?: Record<string, unknown> }[];
  module_calls?: Record<string, { module?: ConfigModule; expressions?: Record<string, unknown> }>;
}

let policies: CompiledPolicy[] = [];
beforeAll(async () => {
  policies = await loadPolicies([{ dir: builtInPolicyDir(), builtIn: true }]);
});

async function verdicts(planValue: unknown, file: string): Promise<Map<string, Status>> {
  const output = await readTerraformPlan(
    { file, text: '', value: planValue },
    { path: join(plansDir, file), repoRoot, terraformDir: join(plansDir, 'no-source-here') },
  );
  const entities = linkEntities(output.entities);
  return new Map(
    evaluateAll(policies, entities).map((e) => [`${e.policy.policy.id} ${e.entity.key}`, e.status]),
  );
}

/** pass and not-applicable both let the change through; a difference between them is no contradiction. */
function outcomeClass(status: Status): 'ok' | 'fail' | 'undecided' {
  if (status === 'indeterminate') return 'undecided';
  return status === 'fail' ? 'fail' : 'ok';
}

function contradictions(known: Map<string, Status>, lessKnown: Map<string, Status>): string[] {
  const found: string[] = [];
  for (const [key, status] of lessKnown) {
    const before = known.get(key);
    if (before === undefined) continue;
    const a = outcomeClass(before);
    const b = outcomeClass(status);
    if (a !== 'undecided' && b !== 'undecided' && a !== b) found.push(`${key}: ${before} -> ${status}`);
  }
  return found;
}

function modules(root: ConfigModule | undefined): ConfigModule[] {
  if (root === undefined) return [];
  return [root, ...Object.values(root.module_calls ?? {}).flatMap((call) => modules(call.module))];
}

/** Each way of knowing less, as a function that takes something away from a copy of the plan. */
function perturbations(plan: Plan): [string, (p: Plan) => void][] {
  const result: [string, (p: Plan) => void][] = [
    [
      'without configuration',
      (p) => {
        delete p.configuration;
      },
    ],
    [
      'without variable values',
      (p) => {
        p['variables'] = {};
      },
    ],
    [
      'with every nested block dynamic',
      (p) => {
        for (const m of modules(p.configuration?.root_module)) {
          for (const r of m.resources ?? []) {
            for (const [k, v] of Object.entries(r.expressions ?? {}))
              if (Array.isArray(v)) delete r.expressions?.[k];
          }
        }
      },
    ],
    [
      'without module bodies',
      (p) => {
        for (const call of Object.values(p.configuration?.root_module?.module_calls ?? {}))
          delete call.module;
      },
    ],
  ];
  modules(plan.configuration?.root_module).forEach((m, mi) => {
    (m.resources ?? []).forEach((r, ri) => {
      result.push([
        `without the configuration of ${r.address} (module #${mi})`,
        (p) => {
          const target = modules(p.configuration?.root_module)[mi];
          target?.resources?.splice(ri, 1);
        },
      ]);
    });
  });
  return result;
}

const files = present ? readdirSync(plansDir).filter((f) => f.endsWith('.json')) : [];

(present ? describe : describe.skip)('no pass whose deciding field was unresolved', () => {
  it.each(files)('%s: knowing less never changes a verdict, it only leaves it undecided', async (file) => {
    const text = readFileSync(join(plansDir, file), 'utf8');
    const plan = JSON.parse(text) as Plan;
    const known = await verdicts(plan, file);
    const problems: string[] = [];
    for (const [name, takeAway] of perturbations(plan)) {
      const copy = JSON.parse(text) as Plan;
      takeAway(copy);
      for (const c of contradictions(known, await verdicts(copy, file))) problems.push(`${name}: ${c}`);
    }
    expect(problems).toEqual([]);
  });

  it('really takes information away: without configuration some verdicts become indeterminate', async () => {
    let undecided = 0;
    for (const file of files) {
      const plan = JSON.parse(readFileSync(join(plansDir, file), 'utf8')) as Plan;
      const known = await verdicts(plan, file);
      delete plan.configuration;
      for (const [key, status] of await verdicts(plan, file)) {
        if (status === 'indeterminate' && known.get(key) !== 'indeterminate') undecided++;
      }
    }
    expect(undecided).toBeGreaterThan(10);
  });
});
