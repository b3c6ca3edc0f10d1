import { countOutcome, runFailed, type ScanOutcome } from '../policy/outcome.js';
import { FAIL_ON_VALUES, type FailOn } from '../policy/severity.js';
import { renderConsole } from '../report/console.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { liveSummaryLine } from '../report/live-summary.js';
import type { LiveRequest, RunRequest } from '../run-options.js';
import { scan } from '../scan.js';
import { EXIT_FAIL, EXIT_PASS, type CliIo } from './io.js';
import { emit, writeForUser } from './output.js';
import { commandRun } from './command-run.js';
import { USAGE, UsageError, parseCommandLine } from './usage.js';
import { counted } from '../util/plural.js';

const FORMATS = ['console', 'json', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export async function scanCommand(argv: readonly string[], io: CliIo): Promise<number> {
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
  const format = values.format as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${values.format}'`);
  const markdownLimit = byteLimit(values['markdown-limit']);
  const includeNotApplicable = values['include-not-applicable'];
  if (includeNotApplicable && format !== 'json')
    throw new UsageError(
      '--include-not-applicable lists results in the JSON report: use it with --format json',
    );
  const failOn = values['fail-on'] as FailOn | undefined;
  if (failOn !== undefined && !FAIL_ON_VALUES.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON_VALUES.join(', ')}, not '${failOn}'`);
  }
  const request: Partial<RunRequest> = { paths: positionals };
  if (failOn !== undefined) request.failOn = failOn;
  if (values['fail-on-indeterminate'] !== undefined)
    request.failOnIndeterminate = values['fail-on-indeterminate'];
  if (values['terraform-dir'] !== undefined) request.terraformDir = values['terraform-dir'];
  if (values.parameters.length > 0) request.parameterFiles = values.parameters;
  if (values.param.length > 0) request.parameterValues = values.param;
  if (values['deployment-scope'] !== undefined) request.deploymentScope = values['deployment-scope'];
  if (values.baseline !== undefined) request.baseline = values.baseline;
  const live = liveRequest(values, io);
  if (live !== undefined) request.live = live;

  const outcome = await scan(await commandRun(io, values, request));
  const liveLine = liveSummaryLine(outcome);
  // The progress line, if any, is cleared for the summary that replaces it.
  if (liveLine !== undefined)
    io.stderr(`${io.interactive ? '\r\u001b[K' : ''}aks-identity-lint: ${liveLine}\n`);
  await emit(
    render(format, outcome, {
      color: io.color && values.output === undefined,
      includeNotApplicable,
      ...(markdownLimit === undefined ? {} : { markdownLimit }),
    }),
    values.output,
    io,
  );
  const baselineFile = values['write-baseline'];
  if (baselineFile !== undefined) {
    // Writing a baseline records today's findings as accepted; it is not a verdict on them.
    await writeForUser(baselineFile, renderJson(outcome), 'the baseline', io);
    const counts = countOutcome(outcome);
    io.stderr(
      `aks-identity-lint: baseline of ${counted(counts.failed + counts.indeterminate + counts.baselined, 'finding')} written to ${baselineFile}\n`,
    );
    return EXIT_PASS;
  }
  return runFailed(outcome) ? EXIT_FAIL : EXIT_PASS;
}

const LIVE_VIA = ['resource-graph', 'per-cluster'] as const;

/** `--live` and its scope; the scope flags without `--live` are a mistake, not a silent no-op. */
function liveRequest(
  values: {
    live: boolean;
    subscription: string[];
    'resource-group': string[];
    cluster: string[];
    'live-via'?: string | undefined;
    'arm-endpoint'?: string | undefined;
  },
  io: CliIo,
): LiveRequest | undefined {
  const scoped =
    values.subscription.length + values['resource-group'].length + values.cluster.length > 0 ||
    values['live-via'] !== undefined ||
    values['arm-endpoint'] !== undefined;
  if (!values.live) {
    if (scoped)
      throw new UsageError(
        '--subscription, --resource-group, --cluster, --live-via and --arm-endpoint need --live',
      );
    return undefined;
  }
  const via = values['live-via'];
  if (via !== undefined && !(LIVE_VIA as readonly string[]).includes(via)) {
    throw new UsageError(`--live-via must be one of ${LIVE_VIA.join(', ')}, not '${via}'`);
  }
  const request: LiveRequest = {
    subscriptions: values.subscription,
    resourceGroups: values['resource-group'],
    clusters: values.cluster,
  };
  if (via !== undefined) request.via = via as (typeof LIVE_VIA)[number];
  if (values['arm-endpoint'] !== undefined) request.endpoint = values['arm-endpoint'];
  // Progress only where someone watches: a terminal. CI logs get the summary line alone.
  if (io.interactive)
    request.progress = (line) => {
      io.stderr(`\r${line}\u001b[K`);
    };
  return request;
}

/** `--markdown-limit`: a whole number of bytes, at least enough for the verdict. */
function byteLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < MIN_MARKDOWN_LIMIT)
    throw new UsageError(
      `--markdown-limit must be a number of bytes of at least ${MIN_MARKDOWN_LIMIT}, not '${value}'`,
    );
  return n;
}

/** Below this, not even the verdict and the note on what was left out fit. */
const MIN_MARKDOWN_LIMIT = 2048;

interface RenderOptions {
  color: boolean;
  includeNotApplicable: boolean;
  markdownLimit?: number;
}

function render(format: Format, outcome: ScanOutcome, options: RenderOptions): string {
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
