import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInPolicyDir, policyDocsDir } from '../../src/package-files.js';
import { runExamples } from '../../src/policy/examples.js';
import { parseFieldPath } from '../../src/policy/field-path.js';
import { fieldsUsed } from '../../src/policy/fields-used.js';
import { loadPolicies } from '../../src/policy/load.js';
import { ModelSchema } from '../../src/policy/model-schema.js';

const policies = await loadPolicies([{ dir: builtInPolicyDir(), builtIn: true }]);

describe('the built-in policy pack', () => {
  it('loads and validates', () => {
    expect(policies.map((p) => p.policy.id)).toEqual(
      expect.arrayContaining(['AKSID001', 'AKSID002', 'AKSID003', 'AKSID004', 'AKSID005', 'AKSID006']),
    );
  });

  it('has one file per policy, named by its ID', () => {
    const files = readdirSync(builtInPolicyDir()).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(policies.map((p) => `${p.policy.id}.json`).sort());
  });

  describe.each(policies.map((p) => [p.policy.id, p] as const))('%s', (id, policy) => {
    it('has a documentation page', () => {
      const page = readFileSync(join(policyDocsDir(), `${id}.md`), 'utf8');
      expect(page).toContain(`# ${id}`);
      expect(page).toContain(policy.policy.title);
      for (const section of [
        '## Why',
        '## Failing',
        '```hcl',
        '```bicep',
        '## Fixed',
        '## Suppressing',
        '## References',
      ]) {
        expect(page).toContain(section);
      }
    });
    it('has examples of every outcome it can give, and each gives its expected result', () => {
      const results = runExamples(policy);
      // Indeterminate is an outcome only when a field it reads may be unknown.
      const fields = [...fieldsUsed(policy.policy.when), ...fieldsUsed(policy.policy.assert)];
      const schema = ModelSchema.get();
      const entity = schema.entity(policy.policy.target);
      const mayBeUnknown = fields.some((f) => {
        const walked = schema.walk(entity, parseFieldPath(f).segments, f);
        return 'type' in walked && walked.mayBeUnknown;
      });
      expect(new Set(results.map((r) => r.expected))).toEqual(
        new Set(['pass', 'fail', 'not-applicable', ...(mayBeUnknown ? ['indeterminate'] : [])]),
      );
      expect(results.filter((r) => !r.ok)).toEqual([]);
    });
    it('has a short title for the PR comment table, shorter than its title', () => {
      expect(policy.policy.shortTitle).toBeDefined();
      expect(policy.policy.shortTitle?.length).toBeLessThan(policy.policy.title.length + 1);
    });
    it('references the Microsoft documentation it encodes', () => {
      expect(policy.policy.references?.some((r) => r.startsWith('https://learn.microsoft.com/'))).toBe(true);
    });
  });
});
