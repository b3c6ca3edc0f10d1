import { join } from 'node:path';
import type { ScanOutcome } from '../../src/policy/outcome.js';
import { commentsFor, parseSuppressionComments } from '../../src/suppress/inline.js';
import { outcomeOf } from '../helpers/outcome.js';
import { plan, writeTemp } from '../helpers/plans.js';
import { cluster } from '../helpers/tf.js';

describe('suppression comments', () => {
  it('are found with # and //, with one or more IDs and a reason', () => {
    const text = [
      'resource "azurerm_kubernetes_cluster" "aks" {',
      '  # aks-identity-lint:ignore AKSID003 local accounts until the migration (PLAT-77)',
      '  // aks-identity-lint:ignore aksid004, AKSID005 legacy Entra ID integration',
      '  #aks-identity-lint:ignore AKSID010',
      '  /* aks-identity-lint:ignore AKSID001 kept for the vendor appliance */',
      '  name = "aks" # aks-identity-lint:ignore-not-a-directive',
      '  # aks-identity-lint:ignore AKSID006 trailing spaces are not part of the reason   ',
      '}',
    ].join('\n');
    expect(parseSuppressionComments(text)).toEqual([
      { line: 2, ids: ['AKSID003'], reason: 'local accounts until the migration (PLAT-77)' },
      { line: 3, ids: ['AKSID004', 'AKSID005'], reason: 'legacy Entra ID integration' },
      { line: 4, ids: ['AKSID010'], reason: '' },
      { line: 7, ids: ['AKSID006'], reason: 'trailing spaces are not part of the reason' },
    ]);
  });

  it('belong to the block they are in, or to the block right below them (Bicep style)', () => {
    const lines = [
      '// aks-identity-lint:ignore AKSID003 above the resource', // 1
      'resource aks "x" {', // 2
      '  # aks-identity-lint:ignore AKSID004 inside', // 3
      '}', // 4
      '# aks-identity-lint:ignore AKSID005 belongs to nothing', // 5
      '', // 6
      'resource other "y" {', // 7
      '}', // 8
    ];
    const comments = parseSuppressionComments(lines.join('\n'));
    expect(commentsFor(comments, lines, 2, 4).map((c) => c.line)).toEqual([1, 3]);
    expect(commentsFor(comments, lines, 7, 8)).toEqual([]);
  });

  it('include an indented comment above the block and one on its closing line', () => {
    const lines = [
      '  // aks-identity-lint:ignore AKSID003 indented, as in a nested Bicep resource', // 1
      '  resource aks "x" {', // 2
      '  } // aks-identity-lint:ignore AKSID004 on the closing line', // 3
    ];
    const comments = parseSuppressionComments(lines.join('\n'));
    expect(commentsFor(comments, lines, 2, 3).map((c) => c.line)).toEqual([1, 3]);
  });
});

describe('inline suppressions in a scan', () => {
  // Four clusters in main.tf: legacy fails AKSID003, later is undecided on it, good passes it, bare fails it.
  const tf = [
    '# aks-identity-lint:ignore AKSID003 local accounts until the migration (PLAT-77)', // 1
    '# (a plain comment between the suppression and its block)', // 2
    'resource "azurerm_kubernetes_cluster" "legacy" {', // 3
    '  name = "legacy"', // 4
    '}', // 5
    '', // 6
    'resource "azurerm_kubernetes_cluster" "later" {', // 7
    '  name = "later"', // 8
    '} # aks-identity-lint:ignore AKSID003 decided at apply (PLAT-78)', // 9
    '', // 10
    'resource "azurerm_kubernetes_cluster" "good" {', // 11
    '  # aks-identity-lint:ignore AKSID003 nothing to suppress here', // 12
    '  name = "good"', // 13
    '}', // 14
    '', // 15
    'resource "azurerm_kubernetes_cluster" "bare" {', // 16
    '  # aks-identity-lint:ignore AKSID003', // 17
    '  name = "bare"', // 18
    '}', // 19
  ];

  async function scanned(newline: string): Promise<ScanOutcome> {
    const dir = await writeTemp({
      'tfplan.json': plan([
        cluster('legacy', { after: { local_account_disabled: false } }),
        cluster('later', {
          after: { local_account_disabled: null },
          afterUnknown: { local_account_disabled: true },
        }),
        cluster('good'),
        cluster('bare', { after: { local_account_disabled: false } }),
      ]),
      'main.tf': tf.join(newline),
    });
    return outcomeOf([join(dir, 'tfplan.json')], dir);
  }

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])(
    'suppress a failure and an indeterminate result with a reason, and report one without a reason (%s)',
    async (_, newline) => {
      const outcome = await scanned(newline);
      const aksid003 = Object.fromEntries(
        outcome.evaluations
          .filter((e) => e.policy.policy.id === 'AKSID003')
          .map((e) => [e.entity.key, [e.status, e.suppression?.reason ?? 'not suppressed']]),
      );
      expect(aksid003).toEqual({
        'azurerm_kubernetes_cluster.legacy': ['fail', 'local accounts until the migration (PLAT-77)'],
        'azurerm_kubernetes_cluster.later': ['indeterminate', 'decided at apply (PLAT-78)'],
        // A pass has nothing to suppress.
        'azurerm_kubernetes_cluster.good': ['pass', 'not suppressed'],
        // A comment without a reason suppresses nothing.
        'azurerm_kubernetes_cluster.bare': ['fail', 'not suppressed'],
      });
      expect(
        outcome.evaluations
          .filter((e) => e.policy.policy.id === 'AKSID000')
          .map((e) => [e.entity.key, e.status, e.message]),
      ).toEqual([
        [
          'azurerm_kubernetes_cluster.bare',
          'fail',
          'The suppression of AKSID003 at main.tf:17 gives no reason, so it suppresses nothing.',
        ],
      ]);
      expect(outcome.evaluations.find((e) => e.suppression !== undefined)?.suppression).toMatchObject({
        kind: 'inline',
        source: 'main.tf:1',
      });
    },
  );

  it('leave other policies and other resources alone', async () => {
    const outcome = await scanned('\n');
    const suppressed = outcome.evaluations
      .filter((e) => e.suppression !== undefined)
      .map((e) => `${e.policy.policy.id} ${e.entity.key}`);
    expect(suppressed.sort()).toEqual([
      'AKSID003 azurerm_kubernetes_cluster.later',
      'AKSID003 azurerm_kubernetes_cluster.legacy',
    ]);
  });
});
