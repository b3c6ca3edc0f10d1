import { mkdir, writeFile } from 'node:fs/promises';
import { resolve, dirname } from 'node:path';
import { I as InputError } from './input-error-CCqlw9Qy.js';
import { l as loadPolicies } from './load-m1TAheir.js';
import { r as resolveRun, R as RunRequestError } from './run-options-kGUU6Fwa.js';
import { a as applyPolicySettings } from './config-B-qoZBbr.js';
import { b as UsageError } from './usage-BUmB0yc9.js';

/** Writes a report to --output (relative to the CLI's working directory), or to stdout. */
async function emit(report, output, io) {
    if (output === undefined) {
        io.stdout(report);
        return;
    }
    await writeForUser(output, report, 'the report', io);
    io.stdout(`aks-identity-lint: report written to ${output}\n`);
}
/**
 * Writes a file the user named, relative to the CLI's working directory, making its directory as ESLint's
 * --output-file does (`--output reports/aks.sarif` in a fresh checkout); a failure names it as the user gave it.
 */
async function writeForUser(file, text, what, io) {
    const path = resolve(io.cwd, file);
    await mkdir(dirname(path), { recursive: true })
        .then(() => writeFile(path, text))
        .catch((error) => {
        throw new InputError({ file }, `cannot write ${what} (${error instanceof Error ? error.message : String(error)})`);
    });
}

/**
 * A command's run options: its policy flags and anything more it was told, merged with the config file. A request
 * that cannot be met (no inputs, no policies) is a usage error.
 */
async function commandRun(io, flags, more = {}, needInputs = true) {
    if (flags['no-builtin'] === true && flags.policies.length === 0) {
        throw new UsageError('--no-builtin leaves no policies to run; add --policies <dir>');
    }
    const request = {
        cwd: io.cwd,
        repoRoot: io.cwd,
        paths: [],
        policyDirs: flags.policies,
        ...more,
    };
    if (flags['no-builtin'] === true)
        request.builtIn = false;
    if (flags['no-config'] === true)
        request.config = false;
    else if (flags.config !== undefined)
        request.config = flags.config;
    return resolveRun(request, needInputs).catch((error) => {
        throw error instanceof RunRequestError ? new UsageError(error.message) : error;
    });
}
/** The policies a command works on; with `applySettings`, as the config turns them on, off and re-ranks them. */
async function commandPolicies(io, flags, applySettings) {
    const options = await commandRun(io, flags, {}, false);
    const policies = await loadPolicies(options.policySources);
    return applySettings ? applyPolicySettings(policies, options.config) : policies;
}

export { commandPolicies as a, commandRun as c, emit as e, writeForUser as w };
