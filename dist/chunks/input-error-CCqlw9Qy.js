import { U as UserError } from './user-error-D43ktBPC.js';
import './main-DSwMmFsk.js';

class InputError extends UserError {
    location;
    detail;
    constructor(location, detail) {
        super(formatLocated(location, detail));
        this.location = location;
        this.detail = detail;
        this.name = 'InputError';
    }
}
function formatLocated(location, detail) {
    let where = location.file;
    if (location.line !== undefined)
        where += `:${location.line}:${location.column ?? 1}`;
    if (location.pointer !== undefined && location.pointer !== '')
        where += ` ${location.pointer}`;
    return `${where}: ${detail}`;
}

export { InputError as I };
