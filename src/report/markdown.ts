import { ENTITY_KINDS } from '../model/entities.js';
import { scrubSecrets } from '../model/secrets.js';
import type { Evaluation } from '../policy/evaluate.js';
import type { CompiledPolicy } from '../policy/load.js';
import { countOutcome, isBlocking, runFailed, type ScanOutcome } from '../policy/outcome.js';
import { SEVERITIES } from '../policy/severity.js';
import { formatName } from './console.js';
import { identityMap } from './identity-map.js';
import {
  becauseText,
  causedByText,
  entityLabel,
  entityName,
  findingPlaces,
  findings,
  groupByCluster,
  locationText,
  placeText,
  suppressedFindings,
  suppressionText,
  waiverNotices,
} from './present.js';
import { gfmCell, gfmText } from './gfm.js';
import { counted } from '../util/plural.js';

/** Where things are on the web, when known: a source line on the hosting server, a policy's documentation. */
export interface MarkdownLinks {
  fileUrl?: (file: string, line: number, endLine: number) => string;
  policyUrl?: (policy: CompiledPolicy) => string | undefined;
}

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

const ICON: Record<Evaluation['status'], string> = {
  fail: '❌',
  indeterminate: '❔',
  pass: '✅',
  'not-applicable': '➖',
};

/**
 * The PR comment, job summary and check run text: the verdict and counts first, a table per cluster with its
 * identity map, then the details collapsed. Blocks are added in that order while they fit in `maxLength`; what
 * does not fit is counted in a closing note, never cut mid-table.
 */
export function renderMarkdown(outcome: ScanOutcome, options: MarkdownOptions = {}): string {
  const links = options.links ?? {};
  const limit = options.maxLength ?? Number.POSITIVE_INFINITY;
  const blocks: Block[] = [];
  const add = (name: string, text: string): void => {
    blocks.push({ name, text });
  };
  if (options.header !== undefined) add('header', options.header);
  add('verdict', headline(outcome));
  if (options.notes !== undefined && options.notes.length > 0)
    add('notes', options.notes.map((n) => `> ${gfmText(n)}`).join('\n>\n'));
  const table = severityTable(outcome);
  if (table !== '') add('counts by severity', table);
  const groups = groupByCluster(outcome);
  const overview = clusterOverview(groups, outcome);
  if (overview !== undefined) add('cluster overview', overview);

  for (const group of groups) {
    const shown = findings({ ...outcome, evaluations: group.evaluations });
    if (group.cluster === undefined && shown.length === 0) continue;
    const passed = group.evaluations.filter((e) => e.status === 'pass').length;
    const where =
      group.cluster === undefined
        ? ''
        : ` · ${locationLink(group.cluster.source.declaration, links) ?? locationText(group.cluster)}`;
    const title = `### ${group.cluster === undefined ? group.title : `Cluster \`${entityLabel(group.cluster)}\``}\n${counted(shown.length, 'finding')}, ${passed} passed${where}`;
    const tables = chunks(shown, TABLE_ROWS).map((rows) => findingTable(rows, outcome, links));
    const name =
      group.cluster === undefined ? 'findings not tied to a cluster' : `cluster ${entityName(group.cluster)}`;
    add(`${name}: findings`, [title, ...tables.slice(0, 1)].join('\n\n'));
    for (const more of tables.slice(1)) add(`${name}: more findings`, more);
    if (group.cluster !== undefined) {
      const map = identityMap(group.cluster, outcome.entities.managedIdentity, group.evaluations);
      const note =
        map.omitted > 0
          ? `\n\n${counted(map.omitted, 'more role assignment')} not drawn; the table and the JSON report list them all.`
          : '';
      add(
        `${name}: identity map`,
        `<details open><summary>Identity map: who can do what</summary>\n\n\`\`\`mermaid\n${map.mermaid}\n\`\`\`${note}\n\n</details>`,
      );
    }
  }

  const all = findings(outcome);
  const failures = all.filter((e) => e.status === 'fail');
  if (failures.length > 0)
    add(
      'details of failing findings',
      details(
        `Failing findings (${failures.length})`,
        failures.map((e) => failureDetail(e, links)),
      ),
    );
  const unknown = all.filter((e) => e.status === 'indeterminate');
  if (unknown.length > 0) {
    const intro =
      'These depend on values Terraform computes at apply time (known after apply), such as principal IDs of identities that do not exist yet. They are checked again once the values are known; `fail-on-indeterminate` makes them fail the run.';
    add(
      'indeterminate findings',
      details(`Indeterminate findings (${unknown.length})`, [
        intro,
        ...unknown.map(
          (e) =>
            `- **${e.policy.policy.id}** on \`${entityLabel(e.entity)}\`: ${gfmText(becauseText(e.because))}`,
        ),
      ]),
    );
  }
  const suppressed = suppressedFindings(outcome);
  if (suppressed.length > 0) {
    add(
      'suppressed findings',
      details(
        `Suppressed findings (${suppressed.length})`,
        suppressed.map(
          (e) =>
            `- **${e.policy.policy.id}** on \`${entityLabel(e.entity)}\`: ${gfmCell(suppressionText(e))}`,
        ),
      ),
    );
  }
  const counts = countOutcome(outcome);
  if (outcome.baseline !== undefined) {
    add(
      'baseline',
      `${counted(counts.baselined, 'finding')} already in the baseline \`${outcome.baseline}\` are not listed; only new ones are.`,
    );
  }
  const notices = waiverNotices(outcome);
  if (notices.length > 0) add('waiver notices', notices.map((n) => `> ⚠️ ${gfmText(n)}`).join('\n>\n'));
  add('inputs', inputsDetail(outcome));
  // Scrubbed before fitting: a redaction can be longer than the secret it replaces.
  return fit(
    blocks.map((b) => ({ name: b.name, text: scrubSecrets(b.text, outcome.secrets) })),
    limit,
    options.fullReportAt,
  );
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

/**
 * With several clusters, one line each before any detail, failing ones first: which clusters fail, and how badly,
 * is what a reviewer reads first.
 */
function clusterOverview(
  groups: ReturnType<typeof groupByCluster>,
  outcome: ScanOutcome,
): string | undefined {
  const clusters = groups.filter((g) => g.cluster !== undefined);
  if (clusters.length < 2) return undefined;
  const rows = clusters.map((g) => {
    const shown = findings({ ...outcome, evaluations: g.evaluations });
    const failed = shown.filter((e) => e.status === 'fail');
    const bySeverity = SEVERITIES.map((s) => [s, failed.filter((e) => e.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    const blocking = failed.some((e) => isBlocking(e, outcome));
    const undecided = shown.filter((e) => e.status === 'indeterminate').length;
    const icon = blocking ? '❌' : failed.length > 0 ? '⚠️' : undecided > 0 ? '❔' : '✅';
    const rank = blocking ? 0 : failed.length > 0 ? 1 : undecided > 0 ? 2 : 3;
    const label = g.cluster === undefined ? g.title : entityLabel(g.cluster);
    return {
      rank,
      failed: failed.length,
      row: `| ${icon} | \`${escapeCell(label)}\` | ${failed.length === 0 ? '0' : `${failed.length} (${bySeverity})`} | ${undecided} |`,
    };
  });
  rows.sort((a, b) => a.rank - b.rank || b.failed - a.failed);
  return ['| | Cluster | Failed | Indeterminate |', '|---|---|---|---:|', ...rows.map((r) => r.row)].join(
    '\n',
  );
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

/** Where a finding points, linked to its lines, or the input and why there is no line. */
function placesText(e: Evaluation, links: MarkdownLinks): string {
  return findingPlaces(e)
    .map((p) => locationLink(p.location, links) ?? `\`${escapeCell(placeText(p))}\``)
    .join(', ');
}

function findingTable(shown: Evaluation[], outcome: ScanOutcome, links: MarkdownLinks): string {
  const rows = shown.map((e) => {
    const where = placesText(e, links);
    const blocking = isBlocking(e, outcome) ? ' (blocking)' : '';
    // A failure that does not fail the run is a warning, not an error: the two are told apart at a glance.
    const icon = e.status === 'fail' && !isBlocking(e, outcome) ? '⚠️' : ICON[e.status];
    return `| ${icon} | ${policyLink(e.policy, links)} ${gfmCell(e.policy.policy.title)} | ${e.severity}${blocking} | \`${escapeCell(e.entity.key)}\` | ${where} |`;
  });
  return ['| | Policy | Severity | Resource | Where |', '|---|---|---|---|---|', ...rows].join('\n');
}

function failureDetail(e: Evaluation, links: MarkdownLinks): string {
  const cause = causedByText(e);
  const where = `${cause === undefined ? '' : `${cause} `}${placesText(e, links)}`;
  const fixes = fixesFor(e).filter((f): f is string => f !== undefined);
  return [
    `#### ${policyLink(e.policy, links)} ${gfmText(e.policy.policy.title)}`,
    `${gfmText(e.message ?? '')} (${where})`,
    `**Fix:** ${gfmText(e.policy.policy.remediation.summary)}${fixes.length > 0 ? `\n${fixes.map((f) => `- ${gfmText(f)}`).join('\n')}` : ''}`,
  ].join('\n\n');
}

/**
 * The fix in the language of the code the finding is in: Terraform for a plan, Bicep for a template or what-if
 * result. Live state has no code of its own; both are shown, as either may be where it is declared.
 */
function fixesFor(e: Evaluation): (string | undefined)[] {
  const { terraform, bicep } = e.policy.policy.remediation;
  switch (e.entity.source.format) {
    case 'terraform-plan':
      return [terraform === undefined ? undefined : `Terraform: ${terraform}`];
    case 'arm-template':
    case 'arm-whatif':
      return [bicep === undefined ? undefined : `Bicep: ${bicep}`];
    case 'live-state':
      return [
        terraform === undefined ? undefined : `Terraform: ${terraform}`,
        bicep === undefined ? undefined : `Bicep: ${bicep}`,
      ];
  }
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

function policyLink(policy: CompiledPolicy, links: MarkdownLinks): string {
  const url = policy.policy.helpUri ?? links.policyUrl?.(policy);
  return url === undefined ? `**${policy.policy.id}**` : `[**${policy.policy.id}**](${url})`;
}

function locationLink(
  declaration: { file: string; line: number; endLine: number } | undefined,
  links: MarkdownLinks,
): string | undefined {
  if (declaration === undefined) return undefined;
  const text = `${declaration.file}:${declaration.line}`;
  return links.fileUrl === undefined
    ? `\`${text}\``
    : `[${text}](${links.fileUrl(declaration.file, declaration.line, declaration.endLine)})`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A section of the report, named for the note that says what was left out. */
interface Block {
  name: string;
  text: string;
}

/** At most this many left-out sections are named; the rest are counted. */
const NAMED_CUTS = 12;

/**
 * Joins blocks while they fit, measured in UTF-8 bytes as GitHub measures its limits; the note that names the
 * sections left out always fits, as a block is taken only with room for the note its leaving-out would need.
 */
function fit(blocks: Block[], limit: number, fullReportAt: string | undefined): string {
  const size = (text: string): number => Buffer.byteLength(text, 'utf8');
  const note = (from: number): string => {
    const rest = blocks.slice(from).map((b) => b.name);
    if (rest.length === 0) return '';
    const named = rest.slice(0, NAMED_CUTS).join('; ');
    const more = rest.length > NAMED_CUTS ? `; and ${rest.length - NAMED_CUTS} more` : '';
    return (
      `\n\n> Left out to stay within GitHub's ${limit.toLocaleString('en-US')}-byte limit (${counted(rest.length, 'section')}): ${gfmText(named)}${more}.` +
      (fullReportAt === undefined ? '' : ` The whole report: ${fullReportAt}.`)
    );
  };
  let out = '';
  for (let i = 0; i < blocks.length; i++) {
    const text = blocks[i]?.text ?? '';
    const next = out === '' ? text : `${out}\n\n${text}`;
    if (size(next) + size(note(i + 1)) > limit) return out + note(i);
    out = next;
  }
  return out + '\n';
}
