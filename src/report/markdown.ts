import { ENTITY_KINDS } from '../model/entities.js';
import { scrubSecrets } from '../model/secrets.js';
import type { Evaluation } from '../policy/evaluate.js';
import { countOutcome, isBlocking, runFailed, type ScanOutcome } from '../policy/outcome.js';
import { SEVERITIES } from '../policy/severity.js';
import { counted } from '../util/plural.js';
import { formatName } from './console.js';
import { gfmCell, gfmText } from './gfm.js';
import { MAP_LEGEND, identityMap } from './identity-map.js';
import { foldFindings, foldInstances, instanceBase, type ReportGroup } from './instances.js';
import { fit, PRIORITY, type Block, type Priority } from './markdown-fit.js';
import {
  escapeCode,
  failureDetail,
  findingTable,
  indeterminateLine,
  placesCell,
  locationLink,
  policyLink,
  type MarkdownLinks,
} from './markdown-findings.js';
import {
  entityLabel,
  entityName,
  findings,
  groupByCluster,
  locationText,
  placeOf,
  suppressedFindings,
  suppressionText,
  waiverNotices,
} from './present.js';

export type { MarkdownLinks } from './markdown-findings.js';

export interface MarkdownOptions {
  links?: MarkdownLinks;
  /** The largest text the destination accepts; sections that do not fit are left out with a note. */
  maxLength?: number;
  /** Prepended verbatim (the sticky comment's hidden marker). */
  header?: string;
  /** Lines shown under the headline, e.g. where annotations went. */
  notes?: string[];
  /** Where the whole report can be had, named in the note when a size limit cuts this one. */
  fullReportAt?: string;
}

/** GitHub's limit for an issue or pull-request comment body, and for a check run's summary and text. */
export const GITHUB_COMMENT_LIMIT = 65_536;
export const CHECK_RUN_TEXT_LIMIT = 65_535;

/** Rows per table, so that a cluster with very many findings is truncated by tables, not cut mid-row. */
const TABLE_ROWS = 50;

/**
 * The PR comment, job summary and check run text. In reading order: the verdict and counts, one line per cluster
 * when there are several, then per cluster (instances with alike results folded into one) a compact table of its
 * findings, their details and its identity map, then what was suppressed and what was read. Cut to `maxLength` by
 * priority (see `fit`), never mid-table, every cut named.
 */
export function renderMarkdown(outcome: ScanOutcome, options: MarkdownOptions = {}): string {
  const links = options.links ?? {};
  const blocks: Block[] = [];
  const add = (name: string, text: string, priority: Priority, parent?: Block): Block => {
    const block: Block = { name, text, priority };
    if (parent !== undefined) block.parent = parent;
    blocks.push(block);
    return block;
  };
  if (options.header !== undefined) add('header', options.header, PRIORITY.verdict);
  add('verdict', headline(outcome), PRIORITY.verdict);
  if (options.notes !== undefined && options.notes.length > 0)
    add('notes', options.notes.map((n) => `> ${gfmText(n)}`).join('\n>\n'), PRIORITY.verdict);
  const table = severityTable(outcome);
  if (table !== '') add('counts by severity', table, PRIORITY.verdict);
  const groups = byUrgency(foldInstances(groupByCluster(outcome), outcome), outcome);
  const overview = clusterOverview(groups, outcome, links);
  if (overview !== undefined) add('cluster overview', overview, PRIORITY.verdict);
  if (outcome.baseline !== undefined) {
    add(
      'baseline',
      `${counted(countOutcome(outcome).baselined, 'finding')} already in the baseline \`${outcome.baseline}\` are not listed; only new ones are.`,
      PRIORITY.verdict,
    );
  }

  for (const group of groups) clusterSections(group, outcome, links, add);

  const suppressed = suppressedFindings(outcome);
  if (suppressed.length > 0) {
    add(
      'suppressed findings',
      details(
        `Suppressed findings (${suppressed.length})`,
        suppressed.map(
          (e) =>
            `- ${policyLink(e.policy, links)} on \`${escapeCode(e.entity.key)}\`: ${gfmCell(suppressionText(e))}`,
        ),
      ),
      PRIORITY.passes,
    );
  }
  const notices = waiverNotices(outcome);
  if (notices.length > 0)
    add('waiver notices', notices.map((n) => `> ⚠️ ${gfmText(n)}`).join('\n>\n'), PRIORITY.failing);
  const passed = passedDetail(outcome, links);
  if (passed !== undefined) add('passed checks', passed, PRIORITY.passes);
  // With nothing checked, what was read is the whole answer.
  add('inputs', inputsDetail(outcome), nothingChecked(outcome) ? PRIORITY.verdict : PRIORITY.passes);
  // Scrubbed before fitting: a redaction can be longer than the secret it replaces.
  for (const b of blocks) b.text = scrubSecrets(b.text, outcome.secrets);
  return fit(blocks, options.maxLength ?? Number.POSITIVE_INFINITY, options.fullReportAt);
}

type AddBlock = (name: string, text: string, priority: Priority, parent?: Block) => Block;

/**
 * A cluster's part of the report: a heading with its findings table, then the details of blocking failures, of
 * other failures and of indeterminate findings, and its identity map, each a section that can be cut on its own.
 */
function clusterSections(
  group: ReportGroup,
  outcome: ScanOutcome,
  links: MarkdownLinks,
  add: AddBlock,
): void {
  const shown = findings({ ...outcome, evaluations: group.evaluations });
  if (group.cluster === undefined && shown.length === 0) return;
  const listed = foldFindings(shown, outcome);
  const name =
    group.cluster === undefined
      ? 'findings not tied to a cluster'
      : `${entityName(group.cluster)}${group.instances.length > 1 ? ` and ${group.instances.length - 1} alike` : ''}`;
  // Each part is named by what it is and whose, so that the note on a cut can name the parts left out together.
  const part = (kind: string, text: string, priority: Priority, parent?: Block): Block => {
    const block = add(
      group.cluster === undefined ? `${name}: ${kind}` : `cluster ${name}: ${kind}`,
      text,
      priority,
      parent,
    );
    if (group.cluster !== undefined) block.part = { kind, of: name };
    return block;
  };
  const blocking = listed.filter(({ first }) => isBlocking(first, outcome));
  const failing = listed.filter(({ first }) => first.status === 'fail' && !isBlocking(first, outcome));
  const undecided = listed.filter(({ first }) => first.status === 'indeterminate');
  const worst =
    blocking.length > 0
      ? PRIORITY.blocking
      : failing.length > 0
        ? PRIORITY.failing
        : undecided.length > 0
          ? PRIORITY.indeterminate
          : PRIORITY.passes;

  const tables = chunks(listed, TABLE_ROWS).map((rows) =>
    findingTable(rows, outcome, links, Math.max(1, group.instances.length)),
  );
  const heading = part(
    'findings table',
    [clusterHeading(group, shown.length, links), ...tables.slice(0, 1)].join('\n\n'),
    worst,
  );
  tables.slice(1).forEach((more, i) => {
    const from = (i + 1) * TABLE_ROWS + 1;
    part(`findings ${from}–${Math.min(from + TABLE_ROWS - 1, listed.length)}`, more, worst, heading);
  });
  // Details of what the table lists, each taken after the tables of its priority.
  const detailPart = (kind: string, summary: string, lines: string[], priority: Priority): void => {
    part(kind, details(summary, lines), priority, heading).detail = true;
  };
  const other = blocking.length > 0 ? 'other ' : '';
  if (blocking.length > 0)
    detailPart(
      'blocking failures in detail',
      `Blocking failures in detail (${blocking.length})`,
      blocking.map((e) => failureDetail(e, outcome, links)),
      PRIORITY.blocking,
    );
  if (failing.length > 0)
    detailPart(
      `${other}failures in detail`,
      `${other === '' ? 'Failures' : 'Other failures'} in detail (${failing.length})`,
      failing.map((e) => failureDetail(e, outcome, links)),
      PRIORITY.failing,
    );
  if (undecided.length > 0)
    detailPart(
      'indeterminate findings',
      `Indeterminate findings (${undecided.length})`,
      [INDETERMINATE_INTRO, undecided.map((e) => indeterminateLine(e, links)).join('\n')],
      PRIORITY.indeterminate,
    );
  if (group.cluster !== undefined) {
    const map = identityMap(group.cluster, outcome.entities.managedIdentity, group.evaluations);
    const omitted =
      map.omitted > 0
        ? `\n\n${counted(map.omitted, 'more role assignment')} not drawn; the table and the JSON report list them all.`
        : '';
    part(
      'identity map',
      `<details open><summary>Identity map: who can do what</summary>\n\n\`\`\`mermaid\n${map.mermaid}\n\`\`\`\n\n${MAP_LEGEND}${omitted}\n\n</details>`,
      PRIORITY.map,
      heading,
    );
  }
}

const INDETERMINATE_INTRO =
  'These depend on values not known until apply (such as principal IDs of identities that do not exist yet) or not read (such as role assignments outside the inputs). They are checked again once the values are known; `fail-on-indeterminate` makes them fail the run.';

function clusterHeading(group: ReportGroup, findingCount: number, links: MarkdownLinks): string {
  const passed = group.evaluations.filter((e) => e.status === 'pass').length;
  const counts = `${counted(findingCount, 'finding')}, ${passed} passed`;
  const cluster = group.cluster;
  if (cluster === undefined) return `### ${group.title}\n${counts}`;
  const where = locationLink(cluster.source.declaration, links) ?? `\`${escapeCode(locationText(cluster))}\``;
  if (group.instances.length === 1)
    return `### Cluster \`${escapeCode(entityLabel(cluster))}\`\n${counts} · ${where}`;
  const others = group.instances
    .slice(1)
    .map((c) => `\`${escapeCode(c.key)}\``)
    .join(', ');
  return [
    `### ${group.instances.length} clusters alike: \`${escapeCode(instanceBase(cluster.key))}\``,
    `${counts} in each · ${where}`,
    '',
    `Shown for \`${escapeCode(entityLabel(cluster))}\`; the same findings on the same resources hold for ${others}. The counts at the top count every instance.`,
  ].join('\n');
}

function headline(outcome: ScanOutcome): string {
  const counts = countOutcome(outcome);
  if (nothingChecked(outcome)) {
    // Nothing to judge is not a pass: say so, neutrally, and what was read.
    return [
      '## aks-identity-lint: no AKS identity resources found',
      `No cluster, managed identity, role assignment, federated credential or registry was found in ${counted(outcome.inputs.length, 'input')}; nothing was checked. The inputs read are listed below.`,
    ].join('\n');
  }
  const failed = runFailed(outcome);
  const verdict = failed
    ? '❌ failed'
    : counts.failed + counts.indeterminate > 0
      ? '⚠️ passed with findings'
      : '✅ passed';
  const rule = `fail-on: \`${outcome.failOn}\`${outcome.failOnIndeterminate ? ', indeterminate fails' : ''}`;
  return [
    `## aks-identity-lint ${verdict}`,
    `**${counts.failed}** failed (${counts.blocking} blocking), **${counts.indeterminate}** indeterminate, ${counts.suppressed > 0 ? `${counts.suppressed} suppressed, ` : ''}**${counts.passed}** passed, ${counts.notApplicable} not applicable · ${rule} · ${counted(outcome.policies.length, 'policy', 'policies')} · ${counted(outcome.inputs.length, 'input')}`,
  ].join('\n');
}

/** How a group stands, worst first: blocking failures, other failures, indeterminate results, clean. */
interface Standing {
  rank: number;
  icon: string;
  failed: Evaluation[];
  undecided: number;
}

function standing(group: ReportGroup, outcome: ScanOutcome): Standing {
  const shown = findings({ ...outcome, evaluations: group.evaluations });
  const failed = shown.filter((e) => e.status === 'fail');
  const undecided = shown.filter((e) => e.status === 'indeterminate').length;
  const rank = failed.some((e) => isBlocking(e, outcome)) ? 0 : failed.length > 0 ? 1 : undecided > 0 ? 2 : 3;
  return { rank, icon: ['❌', '⚠️', '❔', '✅'][rank] ?? '', failed, undecided };
}

/**
 * Clusters in the order a reviewer wants them: failing first, most failures first, clean ones last, and results
 * tied to no cluster after all clusters.
 */
function byUrgency(groups: ReportGroup[], outcome: ScanOutcome): ReportGroup[] {
  const ranked = groups.map((group, i) => ({ group, i, s: standing(group, outcome) }));
  ranked.sort(
    (a, b) =>
      Number(a.group.cluster === undefined) - Number(b.group.cluster === undefined) ||
      a.s.rank - b.s.rank ||
      b.s.failed.length - a.s.failed.length ||
      a.i - b.i,
  );
  return ranked.map((r) => r.group);
}

/**
 * With several clusters, one line each before any detail, in the order of the sections below: which clusters
 * fail, and how badly, is what a reviewer reads first. Each names its resource, linked to its declaration.
 */
function clusterOverview(
  groups: readonly ReportGroup[],
  outcome: ScanOutcome,
  links: MarkdownLinks,
): string | undefined {
  const clusters = groups.filter((g) => g.cluster !== undefined);
  if (clusters.reduce((n, g) => n + g.instances.length, 0) < 2) return undefined;
  const rows = clusters.map((g) => {
    const { icon, failed, undecided } = standing(g, outcome);
    const bySeverity = SEVERITIES.map((s) => [s, failed.filter((e) => e.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    const cluster = g.instances[0];
    if (cluster === undefined) return '';
    const alike = g.instances.length > 1;
    const name = alike ? `${entityName(cluster)} and ${g.instances.length - 1} alike` : entityName(cluster);
    const place = placesCell([placeOf(cluster)], g.instances.length, links);
    return `| ${icon} | ${gfmCell(name)} | ${place} | ${failed.length === 0 ? '0' : `${failed.length} (${bySeverity})${alike ? ' each' : ''}`} | ${undecided} |`;
  });
  return ['| | Cluster | Resource | Failed | Indeterminate |', '|---|---|---|---|---:|', ...rows].join('\n');
}

/** Whether the inputs held nothing any policy could judge: no entity of any kind. */
export function nothingChecked(outcome: ScanOutcome): boolean {
  return ENTITY_KINDS.every((kind) => outcome.entities[kind].length === 0);
}

function severityTable(outcome: ScanOutcome): string {
  // A severity with nothing in any column is left out: a table of zeros says nothing.
  const rows = SEVERITIES.flatMap((s) => {
    const of = (status: Evaluation['status'], suppressed: boolean): number =>
      outcome.evaluations.filter(
        (e) => e.status === status && e.severity === s && (e.suppression !== undefined) === suppressed,
      ).length;
    const waived = of('fail', true) + of('indeterminate', true);
    const cells = [of('fail', false), of('indeterminate', false), waived, of('pass', false)];
    return cells.every((n) => n === 0) ? [] : [`| ${s} | ${cells.join(' | ')} |`];
  });
  if (rows.length === 0) return '';
  return [
    '| Severity | Failed | Indeterminate | Suppressed | Passed |',
    '|---|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/** What passed, per policy, collapsed: proof of what was checked, for a reviewer who asks. */
function passedDetail(outcome: ScanOutcome, links: MarkdownLinks): string | undefined {
  const passes = new Map<string, { policy: Evaluation['policy']; count: number }>();
  for (const e of outcome.evaluations) {
    if (e.status !== 'pass') continue;
    const entry = passes.get(e.policy.policy.id) ?? { policy: e.policy, count: 0 };
    entry.count++;
    passes.set(e.policy.policy.id, entry);
  }
  if (passes.size === 0) return undefined;
  const lines = [...passes.values()].map(
    ({ policy, count }) =>
      `- ${policyLink(policy, links)} ${gfmText(policy.policy.shortTitle ?? policy.policy.title)}: ${counted(count, 'resource')}`,
  );
  const total = [...passes.values()].reduce((n, p) => n + p.count, 0);
  return `<details><summary>Passed (${total})</summary>\n\n${lines.join('\n')}\n\n</details>`;
}

function inputsDetail(outcome: ScanOutcome): string {
  const lines = outcome.inputs.map((i) => {
    const unsupported = Object.values(i.unsupported).reduce((a, b) => a + b, 0);
    return `- \`${i.file}\` (${formatName(i.format)}): ${i.scanned} scanned, ${i.skipped} skipped, ${unsupported} outside AKS identity`;
  });
  for (const s of outcome.skipped)
    lines.push(`- skipped \`${s.address}\` in \`${s.file}\`: ${gfmText(s.reason)}`);
  for (const i of outcome.ignored) lines.push(`- ignored \`${i.file}\`: ${gfmText(i.reason)}`);
  return details('Inputs', lines);
}

function details(summary: string, lines: string[]): string {
  return `<details><summary>${summary}</summary>\n\n${lines.join('\n\n')}\n\n</details>`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
