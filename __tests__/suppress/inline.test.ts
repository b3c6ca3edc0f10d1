import { commentsFor, parseSuppressionComments } from '../../src/suppress/inline.js';

describe('suppression comments', () => {
  it('are found with # and //, with one or more IDs and a reason', () => {
    const text = [
      'resource "azurerm_kubernetes_cluster" "aks" {',
      '  # aks-identity-lint:ignore AKSID003 local accounts until the migration (PLAT-77)',
      '  // aks-identity-lint:ignore aksid004, AKSID005 legacy Entra ID integration',
      '  #aks-identity-lint:ignore AKSID010',
      '  /* aks-identity-lint:ignore AKSID001 kept for the vendor appliance */',
      '  name = "aks" # aks-identity-lint:ignore-not-a-directive',
      '}',
    ].join('\n');
    expect(parseSuppressionComments(text)).toEqual([
      { line: 2, ids: ['AKSID003'], reason: 'local accounts until the migration (PLAT-77)' },
      { line: 3, ids: ['AKSID004', 'AKSID005'], reason: 'legacy Entra ID integration' },
      { line: 4, ids: ['AKSID010'], reason: '' },
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
});
