import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { marked } from 'marked';
import { stickyMarker } from '../../src/report/github/pr-comment.js';
import { MAX_EDGES } from '../../src/report/identity-map.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../src/report/markdown.js';
import { reportSamples } from '../../scripts/report-samples.mjs';
import { outcomeOf } from '../helpers/outcome.js';
import { writeTemp } from '../helpers/plans.js';

// The sticky comment for the report samples (scripts/report-samples.mjs), rendered as GitHub renders it: GFM with
// raw HTML by a GFM renderer, and every Mermaid block by Mermaid's own parser. `npm run screenshots` draws the same
// pages in Chromium for a person to look at.

// Mermaid sanitises labels with DOMPurify, which needs a window: jsdom's, set before Mermaid is loaded.
(globalThis as { window?: unknown }).window = new JSDOM('').window;
const { default: mermaid } = await import('mermaid');

const LINKS = {
  fileUrl: (file: string, line: number, endLine: number) =>
    `https://github.com/o/r/blob/abc/${file}#L${line}-L${endLine}`,
  policyUrl: (p: { policy: { id: string } }) =>
    `https://github.com/o/lint/blob/v1/docs/policies/${p.policy.id}.md`,
};

interface Rendered {
  full: string;
  comment: string;
  html: string;
}

const rendered = new Map<string, Rendered>();
beforeAll(async () => {
  for (const [name, files] of Object.entries(reportSamples())) {
    const dir = await writeTemp({ ...files });
    const outcome = await outcomeOf([join(dir, 'tfplan.json')], dir);
    const comment = renderMarkdown(outcome, {
      links: LINKS,
      maxLength: GITHUB_COMMENT_LIMIT,
      header: stickyMarker(),
      fullReportAt: '[the job summary](https://github.com/o/r/actions/runs/1)',
    });
    const full = renderMarkdown(outcome, { links: LINKS });
    rendered.set(name, { full, comment, html: await marked.parse(comment, { gfm: true }) });
  }
});

function sample(name: string): Rendered {
  const r = rendered.get(name);
  if (r === undefined) throw new Error(`no sample ${name}`);
  return r;
}

function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
}

interface FlowDb {
  getVertices(): Map<string, unknown>;
  getEdges(): { start: string; end: string }[];
}

/** The graph Mermaid parsed: its vertices and edges, as its flowchart database holds them. */
async function flowGraph(source: string): Promise<FlowDb> {
  // The parsed database is reachable only through mermaidAPI; parse() answers only whether the text parses.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
  return diagram.db as unknown as FlowDb;
}

const NAMES = ['one-cluster', 'many-clusters', 'count-clusters', '45-role-assignments', 'no-aks'];

/** What GitHub's sanitiser keeps, and what the report uses; any other tag is text taken for HTML. */
const KNOWN_TAGS = new Set(
  'a blockquote br code del details em h2 h3 h4 hr li ol p pre strong summary table tbody td th thead tr ul'.split(
    ' ',
  ),
);

describe.each(NAMES)('the PR comment for %s', (name) => {
  it('stays within GitHub comment limit', () => {
    expect(Buffer.byteLength(sample(name).comment, 'utf8')).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  });

  it('draws only Mermaid that Mermaid parses, with no box left without an arrow', async () => {
    for (const source of mermaidBlocks(sample(name).comment)) {
      await expect(mermaid.parse(source)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
      const db = await flowGraph(source);
      const edges = db.getEdges();
      expect(edges.length).toBeGreaterThan(0);
      expect(edges.length).toBeLessThanOrEqual(MAX_EDGES);
      const joined = new Set(edges.flatMap((e) => [e.start, e.end]));
      expect([...db.getVertices().keys()].filter((v) => !joined.has(v))).toEqual([]);
    }
  });

  it('loses no text as an HTML tag', () => {
    const tags = [...sample(name).html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) =>
      (m[1] ?? '').toLowerCase(),
    );
    expect(tags.filter((t) => !KNOWN_TAGS.has(t))).toEqual([]);
  });

  it('has compact finding tables: five columns, no cell longer than a short name', () => {
    const rows = sample(name)
      .comment.split('\n')
      .filter((l) => /^\| (❌|⚠️|❔) \| \[\*\*AKSID/.test(l));
    for (const row of rows) {
      const cells = row.split(/(?<!\\)\|/).slice(1, -1);
      expect(cells).toHaveLength(5);
      // The visible text of a row, without link targets: what takes room in the 880-pixel column.
      const visible = row.replace(/\]\([^)]*\)/g, ']').replace(/[[\]*`|]/g, '');
      expect(visible.length).toBeLessThanOrEqual(140);
    }
  });
});

describe('what the comment says for each sample', () => {
  it('one cluster: the blocking failure is annotated on the role assignment that causes it, linked to its line', () => {
    const { comment } = sample('one-cluster');
    expect(comment).toContain(
      '| ❌ | [**AKSID014**](https://github.com/o/lint/blob/v1/docs/policies/AKSID014.md) | Kubelet only reads and pulls | high · blocking | [`role_assignment.kubelet_contributor`](https://github.com/o/r/blob/abc/main.tf#L24-L27 "azurerm_role_assignment.kubelet_contributor") |',
    );
    // The placeholder in the fix text survives rendering.
    expect(sample('one-cluster').html).toContain('&lt;control-plane principal&gt;');
  });

  it('many clusters: cut to the limit by priority, failing clusters first, every cut named', () => {
    const { full, comment } = sample('many-clusters');
    expect(Buffer.byteLength(full, 'utf8')).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const note =
      /> Left out to stay within GitHub's 65,536-byte limit \((\d+) sections?\): (.*)\. The whole report: \[the job summary\]/.exec(
        comment,
      );
    expect(note).not.toBeNull();
    const cut = note?.[2] ?? '';
    // By priority: every failing cluster's table is kept; what is cut first is what passed, then maps, then details.
    const failingClusters = comment.split('\n').filter((l) => /^\| (❌|⚠️) \| team/.test(l));
    expect(failingClusters.length).toBeGreaterThan(0);
    for (const row of failingClusters) {
      const cluster = row.split(' | ')[1] ?? '';
      expect(comment).toContain(`### Cluster \`${cluster} (azurerm_kubernetes_cluster.${cluster})\``);
    }
    expect(cut).toContain('passed checks');
    expect(cut).toMatch(/identity map of 24: /);
    expect(comment).not.toContain('Identity map: who can do what');
    expect(comment).toContain('Blocking failures in detail');
    // One line per cluster before any cluster's details, failing ones first.
    const overview = comment.split('\n').filter((l) => /^\| (❌|⚠️|❔|✅) \| team/.test(l));
    expect(overview).toHaveLength(24);
    const icons = overview.map((l) => l.slice(2, 4).trim());
    expect(icons.indexOf('✅')).toBeGreaterThan(icons.lastIndexOf('❌'));
    expect(comment.indexOf('| | Cluster |')).toBeLessThan(comment.indexOf('### Cluster'));
  });

  it('count clusters: five alike instances are one section naming them, alike grants one row', () => {
    const { comment } = sample('count-clusters');
    expect(comment).toContain('### 5 clusters alike: `azurerm_kubernetes_cluster.agic[*]`');
    expect(comment).toContain(
      '`azurerm_kubernetes_cluster.agic[1]`, `azurerm_kubernetes_cluster.agic[2]`, `azurerm_kubernetes_cluster.agic[3]`, `azurerm_kubernetes_cluster.agic[4]`',
    );
    expect(mermaidBlocks(comment)).toHaveLength(1);
    expect(comment.match(/\| `?\[?`role_assignment\.agic\[\*\]`/g)).toHaveLength(2);
    // The folded cluster's rows stand for each instance.
    expect(comment).toContain(
      '[`kubernetes_cluster.agic[*]`](https://github.com/o/r/blob/abc/main.tf#L5-L14 "azurerm_kubernetes_cluster.agic[0]") ×5 |',
    );
  });

  it('45 role assignments: the map draws 40 edges, says how many it left out, and keeps every failing one', async () => {
    const { comment } = sample('45-role-assignments');
    const [source] = mermaidBlocks(comment);
    const db = await flowGraph(source ?? '');
    expect(db.getEdges()).toHaveLength(MAX_EDGES);
    expect(comment).toContain(`${45 + 2 - MAX_EDGES} more role assignments not drawn`);
    // Every grant fails AKSID017 (low); the nine Contributor grants also fail AKSID014 (high) and are drawn first.
    const contributors = (source ?? '').split('\n').filter((l) => l.includes('✗ Contributor'));
    expect(contributors).toHaveLength(9);
  });

  it('no AKS: says nothing was checked and lists what was read, not a pass', () => {
    const { comment } = sample('no-aks');
    expect(comment).toContain('## aks-identity-lint: no AKS identity resources found');
    expect(comment).not.toContain('✅');
    expect(comment).toContain('(Terraform plan JSON): 0 scanned');
  });
});
