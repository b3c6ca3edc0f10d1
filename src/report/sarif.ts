import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { azurePortalUrl } from '../model/portal.js';
import { scrubSecrets } from '../model/secrets.js';
import type { Evaluation } from '../policy/evaluate.js';
import type { CompiledPolicy } from '../policy/load.js';
import type { ScanOutcome } from '../policy/outcome.js';
import type { Severity } from '../policy/severity.js';
import {
  entityLabel,
  findingPlaces,
  findings,
  findingText,
  placeOf,
  suppressedFindings,
  type FindingPlace,
} from './present.js';

export interface SarifOptions {
  /**
   * The code-scanning category (runAutomationDetails.id), when several runs lint one commit (one per stack). Left
   * out otherwise, so upload-sarif's own `category` applies.
   */
  category?: string;
  /** Where a policy's documentation page is, for each rule's helpUri. */
  policyUrl?: (policy: CompiledPolicy) => string | undefined;
}

/** GitHub code scanning reads security-severity: 9.0+ critical, 7.0+ high, 4.0+ medium, below low. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * SARIF 2.1.0 for code scanning: one rule per policy (with its help text and a link to its page), one result per
 * failing finding (suppressed ones marked so), located at the declaring .tf/.bicep lines relative to the repository
 * root. Indeterminate results are left to the other reports: code scanning would rank a "known after apply" with
 * the rule's security severity, as if it were a failure.
 * partialFingerprints hash the policy ID and the resource's stable key, so an alert survives edits that move lines.
 */
export function renderSarif(outcome: ScanOutcome, options: SarifOptions = {}): string {
  const policies = outcome.policies;
  const ruleIndex = new Map(policies.map((p, i) => [p.policy.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aks-identity-lint',
            semanticVersion: outcome.version,
            version: outcome.version,
            informationUri: 'https://www.npmjs.com/package/aks-identity-lint',
            rules: policies.map((p) => rule(p, options)),
          },
        },
        ...(options.category === undefined
          ? {}
          : { automationDetails: { id: `aks-identity-lint/${options.category}/` } }),
        columnKind: 'utf16CodeUnits',
        results: [...findings(outcome), ...suppressedFindings(outcome), ...baselined(outcome)]
          .filter((e) => e.status === 'fail')
          .map((e) => result(e, ruleIndex.get(e.policy.policy.id) ?? 0)),
      },
    ],
  };
  return scrubSecrets(JSON.stringify(sarif, null, 2) + '\n', outcome.secrets);
}

function rule(compiled: CompiledPolicy, options: SarifOptions): Record<string, unknown> {
  const p = compiled.policy;
  const helpUri = p.helpUri ?? options.policyUrl?.(compiled);
  const fixes = [
    `**Fix:** ${p.remediation.summary}`,
    p.remediation.terraform === undefined ? '' : `**Terraform:** ${p.remediation.terraform}`,
    p.remediation.bicep === undefined ? '' : `**Bicep:** ${p.remediation.bicep}`,
  ].filter((s) => s !== '');
  const references = (p.references ?? []).map((r) => `- ${r}`);
  const helpText = [p.description ?? p.title, `Fix: ${p.remediation.summary}`, ...(p.references ?? [])].join(
    '\n\n',
  );
  const helpMarkdown = [
    p.description ?? p.title,
    ...fixes,
    references.length > 0 ? `**References**\n${references.join('\n')}` : '',
  ]
    .filter((s) => s !== '')
    .join('\n\n');
  const securitySeverity = SECURITY_SEVERITY[p.severity];
  return {
    id: p.id,
    name: p.id,
    shortDescription: { text: p.title },
    fullDescription: { text: p.description ?? p.title },
    help: { text: helpText, markdown: helpMarkdown },
    ...(helpUri === undefined ? {} : { helpUri }),
    defaultConfiguration: { level: LEVEL[p.severity] },
    properties: {
      tags: [...new Set(['security', 'aks', 'identity', ...(p.tags ?? [])])],
      ...(securitySeverity === undefined ? {} : { 'security-severity': securitySeverity }),
    },
  };
}

/**
 * A file as a SARIF artifact location: relative to the checkout's root (%SRCROOT%) when it is inside it, or an
 * absolute file URI (a plan in $RUNNER_TEMP), which code scanning shows without placing it in the tree.
 */
function artifactLocation(file: string): Record<string, string> {
  return isAbsolute(file)
    ? { uri: pathToFileURL(file).href }
    : { uri: encodeURI(file), uriBaseId: '%SRCROOT%' };
}

/** Where a place is: its source lines, or the input file and the reason there are no lines. */
function sarifLocation(place: FindingPlace): Record<string, unknown> {
  const physicalLocation =
    place.location === undefined
      ? {
          // Live state is in Azure, not in a file: its place is the resource's page in the portal.
          artifactLocation:
            place.entity.source.format === 'live-state'
              ? { uri: azurePortalUrl(place.entity.key) }
              : artifactLocation(place.entity.source.file),
        }
      : {
          artifactLocation: artifactLocation(place.location.file),
          region: { startLine: place.location.line, endLine: place.location.endLine },
        };
  return {
    physicalLocation,
    logicalLocations: [{ fullyQualifiedName: place.entity.key, kind: 'resource' }],
    ...(place.note === undefined ? {} : { message: { text: `No source line: ${place.note}.` } }),
  };
}

function result(e: Evaluation, index: number): Record<string, unknown> {
  const source = e.entity.source;
  const places = findingPlaces(e);
  const unplaced = places.find((p) => p.location === undefined);
  const note = unplaced === undefined ? '' : `\nNo source line: ${unplaced.note ?? 'unknown'}.`;
  // A finding placed on the grants that cause it keeps its resource (the cluster) as a related location.
  const related = places.some((p) => p.entity !== e.entity)
    ? { relatedLocations: [{ id: 1, ...sarifLocation(placeOf(e.entity)) }] }
    : {};
  return {
    ruleId: e.policy.policy.id,
    ruleIndex: index,
    level: e.status === 'indeterminate' ? 'note' : LEVEL[e.severity],
    message: { text: `${findingText(e)}\nResource: ${entityLabel(e.entity)}${note}` },
    locations: places.map(sarifLocation),
    ...related,
    partialFingerprints: { 'aksIdentityLint/v1': fingerprint(e) },
    ...(e.suppression === undefined
      ? {}
      : {
          suppressions: [
            {
              kind: e.suppression.kind === 'inline' ? 'inSource' : 'external',
              status: 'accepted',
              justification: `${e.suppression.reason}${e.suppression.expires === undefined ? '' : ` (until ${e.suppression.expires})`}`,
              location: {
                physicalLocation: {
                  artifactLocation: artifactLocation(e.suppression.source.replace(/[: ].*$/, '')),
                },
              },
            },
          ],
        }),
    properties: {
      status: e.status,
      entityKind: e.entity.kind,
      inputFile: source.file,
      inputPointer: source.pointer,
    },
  };
}

/** Baseline findings stay in SARIF, suppressed, so code scanning keeps their alerts closed rather than new. */
function baselined(outcome: ScanOutcome): Evaluation[] {
  return outcome.evaluations.filter((e) => e.suppression?.kind === 'baseline');
}

export function fingerprint(e: Evaluation): string {
  return createHash('sha256')
    .update(`${e.policy.policy.id}\u0000${e.entity.source.file}\u0000${e.entity.key}`)
    .digest('hex')
    .slice(0, 32);
}
