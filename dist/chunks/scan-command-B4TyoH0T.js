import { F as FAIL_ON_VALUES, s as scan, l as liveSummaryLine, h as renderJson, i as countOutcome, j as runFailed, r as renderConsole, d as renderMarkdown, g as renderSarif } from './scan-Bk3LFNwQ.js';
import { p as parseCommandLine, U as USAGE, a as EXIT_PASS, b as UsageError, c as EXIT_FAIL } from './usage-BUmB0yc9.js';
import { c as commandRun, e as emit, w as writeForUser } from './command-run-B9XD3TxQ.js';
import { c as counted } from './validated-json-CLCVuNXn.js';
import './load-m1TAheir.js';
import './user-error-D43ktBPC.js';
import 'node:fs/promises';
import 'node:path';
import 'node:fs';
import './package-files-C8QwCCUf.js';
import 'node:url';
import 'node:crypto';
import './run-options-kGUU6Fwa.js';
import './input-error-CCqlw9Qy.js';
import './main-DSwMmFsk.js';
import './config-B-qoZBbr.js';
import 'node:child_process';
import 'node:util';
import './_commonjsHelpers-BFTU3MAI.js';

const FORMATS = ['console', 'json', 'sarif', 'markdown'];
async function scanCommand(argv, io) {
    const parsed = parseCommandLine({
        args: [...argv],
        allowPositionals: true,
        options: {
            policies: { type: 'string', multiple: true, default: [] },
            'no-builtin': { type: 'boolean' },
            format: { type: 'string', default: 'console' },
            output: { type: 'string' },
            'markdown-limit': { type: 'string' },
            'include-not-applicable': { type: 'boolean', default: false },
            'fail-on': { type: 'string' },
            'fail-on-indeterminate': { type: 'boolean' },
            'terraform-dir': { type: 'string' },
            param: { type: 'string', multiple: true, default: [] },
            parameters: { type: 'string', multiple: true, default: [] },
            'deployment-scope': { type: 'string' },
            config: { type: 'string' },
            'no-config': { type: 'boolean', default: false },
            baseline: { type: 'string' },
            'write-baseline': { type: 'string' },
            live: { type: 'boolean', default: false },
            subscription: { type: 'string', multiple: true, default: [] },
            'resource-group': { type: 'string', multiple: true, default: [] },
            cluster: { type: 'string', multiple: true, default: [] },
            'live-via': { type: 'string' },
            'arm-endpoint': { type: 'string' },
            help: { type: 'boolean', short: 'h', default: false },
        },
    });
    const { values, positionals } = parsed;
    if (values.help) {
        io.stdout(USAGE);
        return EXIT_PASS;
    }
    const format = values.format;
    if (!FORMATS.includes(format))
        throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${values.format}'`);
    const markdownLimit = byteLimit(values['markdown-limit']);
    const includeNotApplicable = values['include-not-applicable'];
    if (includeNotApplicable && format !== 'json')
        throw new UsageError('--include-not-applicable lists results in the JSON report: use it with --format json');
    const failOn = values['fail-on'];
    if (failOn !== undefined && !FAIL_ON_VALUES.includes(failOn)) {
        throw new UsageError(`--fail-on must be one of ${FAIL_ON_VALUES.join(', ')}, not '${failOn}'`);
    }
    const request = { paths: positionals };
    if (failOn !== undefined)
        request.failOn = failOn;
    if (values['fail-on-indeterminate'] !== undefined)
        request.failOnIndeterminate = values['fail-on-indeterminate'];
    if (values['terraform-dir'] !== undefined)
        request.terraformDir = values['terraform-dir'];
    if (values.parameters.length > 0)
        request.parameterFiles = values.parameters;
    if (values.param.length > 0)
        request.parameterValues = values.param;
    if (values['deployment-scope'] !== undefined)
        request.deploymentScope = values['deployment-scope'];
    if (values.baseline !== undefined)
        request.baseline = values.baseline;
    const live = liveRequest(values, io);
    if (live !== undefined)
        request.live = live;
    const outcome = await scan(await commandRun(io, values, request));
    const liveLine = liveSummaryLine(outcome);
    // The progress line, if any, is cleared for the summary that replaces it.
    if (liveLine !== undefined)
        io.stderr(`${io.interactive ? '\r\u001b[K' : ''}aks-identity-lint: ${liveLine}\n`);
    await emit(render(format, outcome, {
        color: io.color && values.output === undefined,
        includeNotApplicable,
        ...(markdownLimit === undefined ? {} : { markdownLimit }),
    }), values.output, io);
    const baselineFile = values['write-baseline'];
    if (baselineFile !== undefined) {
        // Writing a baseline records today's findings as accepted; it is not a verdict on them.
        await writeForUser(baselineFile, renderJson(outcome), 'the baseline', io);
        const counts = countOutcome(outcome);
        io.stderr(`aks-identity-lint: baseline of ${counted(counts.failed + counts.indeterminate + counts.baselined, 'finding')} written to ${baselineFile}\n`);
        return EXIT_PASS;
    }
    return runFailed(outcome) ? EXIT_FAIL : EXIT_PASS;
}
const LIVE_VIA = ['resource-graph', 'per-cluster'];
/** `--live` and its scope; the scope flags without `--live` are a mistake, not a silent no-op. */
function liveRequest(values, io) {
    const scoped = values.subscription.length + values['resource-group'].length + values.cluster.length > 0 ||
        values['live-via'] !== undefined ||
        values['arm-endpoint'] !== undefined;
    if (!values.live) {
        if (scoped)
            throw new UsageError('--subscription, --resource-group, --cluster, --live-via and --arm-endpoint need --live');
        return undefined;
    }
    const via = values['live-via'];
    if (via !== undefined && !LIVE_VIA.includes(via)) {
        throw new UsageError(`--live-via must be one of ${LIVE_VIA.join(', ')}, not '${via}'`);
    }
    const request = {
        subscriptions: values.subscription,
        resourceGroups: values['resource-group'],
        clusters: values.cluster,
    };
    if (via !== undefined)
        request.via = via;
    if (values['arm-endpoint'] !== undefined)
        request.endpoint = values['arm-endpoint'];
    // Progress only where someone watches: a terminal. CI logs get the summary line alone.
    if (io.interactive)
        request.progress = (line) => {
            io.stderr(`\r${line}\u001b[K`);
        };
    return request;
}
/** `--markdown-limit`: a whole number of bytes, at least enough for the verdict. */
function byteLimit(value) {
    if (value === undefined)
        return undefined;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < MIN_MARKDOWN_LIMIT)
        throw new UsageError(`--markdown-limit must be a number of bytes of at least ${MIN_MARKDOWN_LIMIT}, not '${value}'`);
    return n;
}
/** Below this, not even the verdict and the note on what was left out fit. */
const MIN_MARKDOWN_LIMIT = 2048;
function render(format, outcome, options) {
    const { color, markdownLimit } = options;
    switch (format) {
        case 'json':
            return renderJson(outcome, { includeNotApplicable: options.includeNotApplicable });
        case 'sarif':
            return renderSarif(outcome);
        case 'markdown':
            return markdownLimit === undefined
                ? renderMarkdown(outcome)
                : renderMarkdown(outcome, { maxLength: markdownLimit });
        case 'console':
            return renderConsole(outcome, { color });
    }
}

export { scanCommand };
