import type { Cluster } from '../model/entities.js';
import type { Evaluation } from '../policy/evaluate.js';
import { isBlocking, type ScanOutcome } from '../policy/outcome.js';
import { findingPlaces, findings, type ClusterGroup } from './present.js';

/** A cluster's results as reported: one cluster, or several instances of one `count`/`for_each` with alike results. */
export interface ReportGroup extends ClusterGroup {
  /** Every cluster the group stands for, the shown one first; one, or none for results tied to no cluster. */
  instances: Cluster[];
}

/** Terraform's instance keys, `[0]` or `["east"]`, anywhere in an address (also a module's). */
const INSTANCE_KEY = /\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g;

/** An address with its instance keys made alike: `module.m["a"].azurerm_kubernetes_cluster.this[0]` → `…[*]…[*]`. */
export function instanceBase(address: string): string {
  return address.replace(INSTANCE_KEY, '[*]');
}

/**
 * Instances of one cluster block (`count`, `for_each`, or a module called with either) whose results are alike are
 * folded into one group: five identical clusters are one table, one map and one set of fixes, naming the five.
 * Results are alike when the same policies give the same verdicts on the same resources, instance keys aside.
 */
export function foldInstances(groups: readonly ClusterGroup[], outcome: ScanOutcome): ReportGroup[] {
  const folded: ReportGroup[] = [];
  const bySignature = new Map<string, ReportGroup>();
  for (const group of groups) {
    const cluster = group.cluster;
    if (cluster === undefined || instanceBase(cluster.key) === cluster.key) {
      folded.push({ ...group, instances: cluster === undefined ? [] : [cluster] });
      continue;
    }
    const signature = `${instanceBase(cluster.key)}\n${resultSignature(group.evaluations, outcome)}`;
    const alike = bySignature.get(signature);
    if (alike !== undefined) {
      alike.instances.push(cluster);
      continue;
    }
    const own: ReportGroup = { ...group, instances: [cluster] };
    bySignature.set(signature, own);
    folded.push(own);
  }
  return folded;
}

function resultSignature(evaluations: Evaluation[], outcome: ScanOutcome): string {
  const shown = findings({ ...outcome, evaluations });
  const passed = evaluations.filter((e) => e.status === 'pass').length;
  const suppressed = evaluations.filter((e) => e.suppression !== undefined).length;
  return [
    `${passed} passed, ${suppressed} suppressed`,
    ...shown.map((e) => findingSignature(e, outcome)),
  ].join('\n');
}

/** What makes two findings alike across instances: policy, verdict, and the resources with instance keys aside. */
function findingSignature(e: Evaluation, outcome: ScanOutcome): string {
  return [
    e.policy.policy.id,
    e.status,
    isBlocking(e, outcome) ? 'blocking' : '',
    instanceBase(e.entity.key),
    ...findingPlaces(e).map((p) => instanceBase(p.entity.key)),
  ].join('|');
}

/** A finding as listed: one, or the same finding on several instances of one resource block. */
export interface ListedFinding {
  /** The one shown. */
  first: Evaluation;
  /** Every instance it stands for, `first` included. */
  all: Evaluation[];
}

/**
 * The same policy with the same verdict on instances of one block (`azurerm_role_assignment.agic[0]` … `[4]`) is
 * listed once, naming the instances; anything else is listed as it is.
 */
export function foldFindings(shown: readonly Evaluation[], outcome: ScanOutcome): ListedFinding[] {
  const listed: ListedFinding[] = [];
  const bySignature = new Map<string, ListedFinding>();
  for (const e of shown) {
    const keys = [e.entity.key, ...findingPlaces(e).map((p) => p.entity.key)];
    if (keys.every((k) => instanceBase(k) === k)) {
      listed.push({ first: e, all: [e] });
      continue;
    }
    const signature = findingSignature(e, outcome);
    const alike = bySignature.get(signature);
    if (alike !== undefined) alike.all.push(e);
    else {
      const own = { first: e, all: [e] };
      bySignature.set(signature, own);
      listed.push(own);
    }
  }
  return listed;
}
