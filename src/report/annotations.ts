import { scrubSecrets } from '../model/secrets.js';
import type { Evaluation } from '../policy/evaluate.js';
import type { ScanOutcome } from '../policy/outcome.js';
import { annotationLevel, entityLabel, findings, findingText, type AnnotationLevel } from './present.js';

/** A finding placed on the source lines that declare its resource. */
export interface Annotation {
  file: string;
  line: number;
  endLine: number;
  level: AnnotationLevel;
  title: string;
  message: string;
  evaluation: Evaluation;
}

/** Every failing or indeterminate finding whose declaration was found, most important first. */
export function annotationsOf(outcome: ScanOutcome): {
  annotations: Annotation[];
  withoutLines: Evaluation[];
} {
  const annotations: Annotation[] = [];
  const withoutLines: Evaluation[] = [];
  for (const e of findings(outcome)) {
    const d = e.entity.source.declaration;
    if (d === undefined) {
      withoutLines.push(e);
      continue;
    }
    annotations.push({
      file: d.file,
      line: d.line,
      endLine: d.endLine,
      level: annotationLevel(e, outcome),
      title: `${e.policy.policy.id}: ${e.policy.policy.title}`,
      message: scrubSecrets(`${findingText(e)}\nResource: ${entityLabel(e.entity)}`, outcome.secrets),
      evaluation: e,
    });
  }
  return { annotations, withoutLines };
}

/** GitHub shows at most this many workflow-command annotations of each level per step. */
export const STEP_ANNOTATIONS_PER_LEVEL = 10;

/** Splits annotations into those the step can show and the rest, which go through the check run. */
export function splitForStep(annotations: readonly Annotation[]): { step: Annotation[]; rest: Annotation[] } {
  const used: Record<AnnotationLevel, number> = { failure: 0, warning: 0, notice: 0 };
  const step: Annotation[] = [];
  const rest: Annotation[] = [];
  for (const a of annotations) {
    if (used[a.level] < STEP_ANNOTATIONS_PER_LEVEL) {
      used[a.level]++;
      step.push(a);
    } else {
      rest.push(a);
    }
  }
  return { step, rest };
}
