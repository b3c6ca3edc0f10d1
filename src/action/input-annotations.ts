import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Annotation, Unplaced } from '../report/annotations.js';
import { linesOfPointers } from '../util/json-pointer-lines.js';

/**
 * Findings without a source line are annotated on the input file instead (the plan or template, at the line where
 * the resource is), when that file is in the repository: GitHub places annotations only on its files. Those
 * whose input is outside it (a plan in $RUNNER_TEMP) are returned as they are, for the step's log and the reports;
 * so are those on live state: no line of any file is where a reviewer changes what Azure has, and the resource ID
 * with its portal link says where to look.
 */
export async function annotateOnInputs(
  unplaced: readonly Unplaced[],
  repoRoot: string,
): Promise<{ annotations: Annotation[]; outside: Unplaced[] }> {
  const annotations: Annotation[] = [];
  const outside: Unplaced[] = [];
  const byFile = new Map<string, Unplaced[]>();
  for (const u of unplaced) {
    const file = u.place.entity.source.file;
    if (isAbsolute(file) || u.place.entity.source.format === 'live-state') outside.push(u);
    else byFile.set(file, [...(byFile.get(file) ?? []), u]);
  }
  for (const [file, list] of byFile) {
    const text = await readFile(resolve(repoRoot, file), 'utf8').catch(() => undefined);
    const lines =
      text === undefined
        ? new Map<string, number>()
        : linesOfPointers(text, new Set(list.map((u) => u.place.entity.source.pointer)));
    for (const u of list) {
      const line = lines.get(u.place.entity.source.pointer) ?? 1;
      annotations.push({
        file,
        line,
        endLine: line,
        level: u.level,
        title: u.title,
        message: u.message,
        evaluation: u.evaluation,
      });
    }
  }
  return { annotations, outside };
}
