import { UserError } from '../util/user-error.js';
export { jsonPointer } from '../util/json-location.js';

/**
 * A problem with an input the user gave: reported as one line naming the file, where in it (JSON pointer and
 * line:column when known) and what was expected. Never a stack trace.
 */
export interface InputErrorLocation {
  file: string;
  pointer?: string;
  line?: number;
  column?: number;
}

export class InputError extends UserError {
  constructor(
    readonly location: InputErrorLocation,
    readonly detail: string,
  ) {
    super(formatLocated(location, detail));
    this.name = 'InputError';
  }
}

export function formatLocated(location: InputErrorLocation, detail: string): string {
  let where = location.file;
  if (location.line !== undefined) where += `:${location.line}:${location.column ?? 1}`;
  if (location.pointer !== undefined && location.pointer !== '') where += ` ${location.pointer}`;
  return `${where}: ${detail}`;
}
