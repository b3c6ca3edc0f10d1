import { join } from 'node:path';
import { marked } from 'marked';
import { plan, writeTemp } from '../helpers/plans.js';
import { runCliHere } from '../helpers/run-cli.js';
import { cluster, ref, resource } from '../helpers/tf.js';

// The PR comment as GitHub renders it: GFM with raw HTML allowed. Rendered here with a GFM renderer (marked), the
// text a reviewer sees is checked, not the markdown source.

async function markdownFor(resources: Parameters<typeof plan>[0]): Promise<string> {
  const dir = await writeTemp({ 'tfplan.json': plan(resources) });
  const run = await runCliHere(
    ['scan', join(dir, 'tfplan.json'), '--format', 'markdown', '--fail-on', 'none'],
    dir,
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

/** The text of rendered HTML, as a browser shows it: tags gone, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('the markdown report as GitHub renders it', () => {
  it('keeps placeholders such as <control-plane principal> in fix texts instead of losing them as HTML tags', async () => {
    const markdown = await markdownFor([
      resource('azurerm_subnet.nodes', 'azurerm_subnet'),
      cluster('aks', {
        afterUnknown: { default_node_pool: [{ vnet_subnet_id: true }] },
        expressions: { default_node_pool: [{ vnet_subnet_id: ref('azurerm_subnet.nodes.id') }] },
      }),
    ]);
    const html = await marked.parse(markdown, { gfm: true });
    const text = visibleText(html);
    expect(markdown).toContain('AKSID010');
    expect(text).toContain('principal_id = <control-plane principal> }');
    expect(text).not.toContain('principal_id = }');
  });

  it('says that nothing was checked when the inputs hold no AKS identity resource, instead of passing', async () => {
    const markdown = await markdownFor([resource('azurerm_resource_group.rg', 'azurerm_resource_group')]);
    const text = visibleText(await marked.parse(markdown, { gfm: true }));
    expect(text).toContain('aks-identity-lint: no AKS identity resources found');
    expect(text).not.toContain('passed');
    // No table of zeros.
    expect(markdown).not.toContain('| Severity |');
  });

  it('leaves out severities with nothing in any column', async () => {
    const markdown = await markdownFor([cluster('aks')]);
    const rows = markdown.split('\n').filter((l) => /^\| (critical|high|medium|low|info) \|/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).not.toMatch(/^\| \w+ \| 0 \| 0 \| 0 \| 0 \|$/);
  });

  it('shows the fix in the language of the input, and marks failures that do not fail the run as warnings', async () => {
    const markdown = await markdownFor([
      resource('azurerm_subnet.nodes', 'azurerm_subnet'),
      cluster('aks', {
        afterUnknown: { default_node_pool: [{ vnet_subnet_id: true }] },
        expressions: { default_node_pool: [{ vnet_subnet_id: ref('azurerm_subnet.nodes.id') }] },
      }),
    ]);
    expect(markdown).toContain('- Terraform: ');
    expect(markdown).not.toContain('- Bicep: ');
    // --fail-on none: nothing blocks, so every failing row is a warning.
    const failing = markdown.split('\n').filter((l) => l.includes('**AKSID010**') && l.startsWith('|'));
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatch(/^\| ⚠️ \|/);
  });

  it('is cut to --markdown-limit by priority, naming what it left out', async () => {
    const dir = await writeTemp({
      'tfplan.json': plan(
        Array.from({ length: 12 }, (_, i) => cluster(`c${i}`, { after: { local_account_disabled: false } })),
      ),
    });
    const run = await runCliHere(
      [
        'scan',
        join(dir, 'tfplan.json'),
        '--format',
        'markdown',
        '--fail-on',
        'none',
        '--markdown-limit',
        '6000',
      ],
      dir,
    );
    expect(run.status).toBe(0);
    expect(Buffer.byteLength(run.stdout, 'utf8')).toBeLessThanOrEqual(6000 + 1);
    expect(run.stdout).toMatch(
      /^> Left out to stay within GitHub's 6,000-byte limit \(\d+ sections\): .*identity map of 12: c0, c1, c2, c3 and 8 more/m,
    );
    expect(run.stdout.split('\n').filter((l) => /^\| ⚠️ \| c\d+ \|/.test(l))).toHaveLength(12);
  });

  it('starts with one line per cluster when there are several, failing clusters first', async () => {
    const markdown = await markdownFor([
      cluster('clean'),
      resource('azurerm_subnet.nodes', 'azurerm_subnet'),
      cluster('byo', {
        afterUnknown: { default_node_pool: [{ vnet_subnet_id: true }] },
        expressions: { default_node_pool: [{ vnet_subnet_id: ref('azurerm_subnet.nodes.id') }] },
      }),
    ]);
    const overview = markdown.split('\n').filter((l) => /^\| (❌|⚠️|❔|✅) \| \w/.test(l));
    expect(overview.map((l) => l.split(' | ')[1])).toEqual(['byo', 'clean']);
    expect(overview[0]).toBe('| ⚠️ | byo | `kubernetes_cluster.byo` | 2 (1 high, 1 medium) | 0 |');
    expect(overview[1]).toMatch(/^\| ✅ \| clean/);
    // The sections follow the overview's order: the failing cluster first.
    expect(markdown.indexOf('### Cluster `byo')).toBeLessThan(markdown.indexOf('### Cluster `clean'));
    // The overview comes before the first cluster's details.
    expect(markdown.indexOf('| | Cluster |')).toBeLessThan(markdown.indexOf('### Cluster'));
  });
});
