import { scrubSecrets } from '../model/secrets.js';
import type { Evaluation } from '../policy/evaluate.js';
import type { ScanOutcome } from '../policy/outcome.js';
import {
  annotationLevel,
  entityLabel,
  findingPlaces,
  findings,
  findingText,
  type AnnotationLevel,
  type FindingPlace,
} from './present.js';

/** A finding placed on the source lines that declare what it is about. */
export interface Annotation {
  file: string;
  line: number;
  endLine: number;
  level: AnnotationLevel;
  title: string;
  message: string;
  evaluation: Evaluation;
}

/** A finding, or one of its places, that has no source line; `note` says why. */
export interface Unplaced {
  evaluation: Evaluation;
  place: FindingPlace;
  level: AnnotationLevel;
  title: string;
  message: string;
}

/**
 * Every failing or indeterminate finding on the lines where the reviewer will change code (one annotation per
 * place: each grant that causes it), most important first; the places without a line apart, with the reason.
 */
export function annotationsOf(outcome: ScanOutcome): { annotations: Annotation[]; withoutLines: Unplaced[] } {
  const annotations: Annotation[] = [];
  const withoutLines: Unplaced[] = [];
  for (const e of findings(outcome)) {
    const level = annotationLevel(e, outcome);
    const title = `${e.policy.policy.id}: ${e.policy.policy.title}`;
    for (const place of findingPlaces(e)) {
      const about =
        place.entity === e.entity
          ? `Resource: ${entityLabel(e.entity)}`
          : `Resource: ${entityLabel(place.entity)} (for ${entityLabel(e.entity)})`;
      const message = scrubSecrets(`${findingText(e)}\n${about}`, outcome.secrets);
      if (place.location === undefined) {
        const note = `No source line: ${place.note ?? 'unknown'}.`;
        withoutLines.push({
          evaluation: e,
          place,
          level,
          title,
          message: scrubSecrets(`${message}\n${note}`, outcome.secrets),
        });
        continue;
      }
      annotations.push({
        file: place.location.file,
        line: place.location.line,
        endLine: place.location.endLine,
        level,
        title,
        message,
        evaluation: e,
      });
    }
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
