import { FORMAT_COVERAGE, isMissing, type FormatCoverage } from '../../src/model/coverage.js';

// Which fields a format can never provide: the policy table marks a policy that needs one as not applicable there.

const template: FormatCoverage = { label: 'template', implemented: true, missing: ['change.before'] };

describe('isMissing', () => {
  it.each([
    ['change.before', true],
    ['change.before.kubeletIdentity', true],
    ['change.before[0].x', true],
    ['change.beforeX', false],
    ['change', false],
    ['change.after', false],
    ['kubelet.principalId', false],
  ])('%s: %s', (path, missing) => {
    expect(isMissing(template, path)).toBe(missing);
  });

  it('ignores indexes and wildcards, which name no field of their own', () => {
    const withList: FormatCoverage = { label: 'x', implemented: true, missing: ['addons.roleAssignments'] };
    expect(isMissing(withList, 'addons[*].roleAssignments[2].scope')).toBe(true);
    expect(isMissing(withList, 'addons[0].identity')).toBe(false);
  });

  it('a plan and a what-if result can provide every field; a template and live state have no before state', () => {
    const missingBefore = FORMAT_COVERAGE.filter((f) => isMissing(f, 'change.before')).map((f) => f.label);
    expect(missingBefore).toEqual(['Bicep / ARM template', 'Live state (az, REST, PowerShell JSON)']);
    expect(FORMAT_COVERAGE.every((f) => f.implemented)).toBe(true);
  });
});
