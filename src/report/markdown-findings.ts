import type { Evaluation } from '../policy/evaluate.js';
import type { CompiledPolicy } from '../policy/load.js';
import { isBlocking, type ScanOutcome } from '../policy/outcome.js';
import { gfmCell, gfmText } from './gfm.js';
import { instanceBase, type ListedFinding } from './instances.js';
import { becauseText, findingPlaces, placeText, shortName, type FindingPlace } from './present.js';

/** Where things are on the web, when known: a source line on the hosting server, a policy's documentation. */
export interface MarkdownLinks {
  fileUrl?: (file: string, line: number, endLine: number) => string;
  policyUrl?: (policy: CompiledPolicy) => string | undefined;
}

/** Places named in a table cell before the rest are counted; the details list them all. */
const PLACES_IN_CELL = 2;

/** How a finding's status reads at a glance: a failure that does not fail the run is a warning, not an error. */
export function statusIcon(e: Evaluation, outcome: ScanOutcome): string {
  if (e.status === 'fail') return isBlocking(e, outcome) ? '❌' : '⚠️';
  if (e.status === 'indeterminate') return '❔';
  return e.status === 'pass' ? '✅' : '➖';
}

/**
 * One row per finding, narrow enough for an 880-pixel comment column: status, the policy's ID linked to its page,
 * its short title, severity, and the resource to change, by its short name linked to its lines (the full address
 * is the link's title, and the details below say everything else).
 */
export function findingTable(
  rows: readonly ListedFinding[],
  outcome: ScanOutcome,
  links: MarkdownLinks,
  /** How many alike clusters the rows stand for: a row on one stands for as many resources. */
  alikeClusters = 1,
): string {
  const lines = rows.map(({ first: e, all }) => {
    const title = e.policy.policy.shortTitle ?? e.policy.policy.title;
    const blocking = isBlocking(e, outcome) ? ' · blocking' : '';
    return `| ${statusIcon(e, outcome)} | ${policyLink(e.policy, links)} | ${gfmCell(title)} | ${e.severity}${blocking} | ${placesCell(findingPlaces(e), all.length * alikeClusters, links)} |`;
  });
  return ['| | Policy | Check | Severity | Resource |', '|---|---|---|---|---|', ...lines].join('\n');
}

/** The places to change, by short name; instances of one block as `name[*]`, with how many. */
export function placesCell(places: readonly FindingPlace[], instances: number, links: MarkdownLinks): string {
  const named = places.slice(0, PLACES_IN_CELL).map((p) => {
    const short = shortName(p.entity);
    const name = `\`${escapeCode(instances > 1 ? instanceBase(short) : short)}\``;
    const l = p.location;
    if (l === undefined || links.fileUrl === undefined) return name;
    return `[${name}](${links.fileUrl(l.file, l.line, l.endLine)} "${linkTitle(p.entity.key)}")`;
  });
  const more = places.length - named.length;
  return named.join(', ') + (more > 0 ? ` +${more} more` : '') + (instances > 1 ? ` ×${instances}` : '');
}

/** A failure in full: what is wrong, where (every place, by full address and line), and the fix. */
export function failureDetail(
  { first: e, all }: ListedFinding,
  outcome: ScanOutcome,
  links: MarkdownLinks,
): string {
  const caused = e.culprits !== undefined && e.culprits.length > 0;
  const where = `${caused ? 'caused by ' : ''}${placesText(e, links)}`;
  const fixes = fixesFor(e).filter((f): f is string => f !== undefined);
  return [
    `#### ${statusIcon(e, outcome)} ${policyLink(e.policy, links)} ${gfmText(e.policy.policy.title)}`,
    `${gfmText(e.message ?? '')} (${where})${alsoOn(all)}`,
    `**Fix:** ${gfmText(e.policy.policy.remediation.summary)}${fixes.length > 0 ? `\n${fixes.map((f) => `- ${gfmText(f)}`).join('\n')}` : ''}`,
  ].join('\n\n');
}

/** An indeterminate finding in one line: which policy, on what, and which value it waits for. */
export function indeterminateLine({ first: e, all }: ListedFinding, links: MarkdownLinks): string {
  return `- ${policyLink(e.policy, links)} on ${placesText(e, links)}: ${gfmText(becauseText(e.because))}.${alsoOn(all)}`;
}

/** The other instances a listed finding stands for. */
function alsoOn(all: readonly Evaluation[]): string {
  if (all.length < 2) return '';
  const others = all
    .slice(1)
    .map((e) => `\`${escapeCode(e.entity.key)}\``)
    .join(', ');
  return ` The same holds for ${others}.`;
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

/** Where a finding points, by full address: linked to its lines, or the input and why there is no line. */
export function placesText(e: Evaluation, links: MarkdownLinks): string {
  return findingPlaces(e)
    .map((p) =>
      p.location === undefined
        ? `\`${escapeCode(p.entity.key)}\` (\`${escapeCode(placeText(p))}\`)`
        : `\`${escapeCode(p.entity.key)}\` at ${locationLink(p.location, links) ?? ''}`,
    )
    .join(', ');
}

export function policyLink(policy: CompiledPolicy, links: MarkdownLinks): string {
  const url = policy.policy.helpUri ?? links.policyUrl?.(policy);
  return url === undefined ? `**${policy.policy.id}**` : `[**${policy.policy.id}**](${url})`;
}

export function locationLink(
  declaration: { file: string; line: number; endLine: number } | undefined,
  links: MarkdownLinks,
): string | undefined {
  if (declaration === undefined) return undefined;
  const text = `${declaration.file}:${declaration.line}`;
  return links.fileUrl === undefined
    ? `\`${text}\``
    : `[${text}](${links.fileUrl(declaration.file, declaration.line, declaration.endLine)})`;
}

/** Code spans show text as written, but a table still splits at `|`, and a line ends the cell. */
export function escapeCode(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A link title is quoted: its quotes and backslashes are escaped (`aks["east"]` keeps its quotes). */
function linkTitle(text: string): string {
  return text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}
