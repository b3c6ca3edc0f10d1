import { U as UserError } from './user-error-D43ktBPC.js';
import { parseArgs } from 'node:util';

const EXIT_PASS = 0;
const EXIT_FAIL = 1;
const EXIT_ERROR = 2;

class UsageError extends UserError {
}
const USAGE = `Usage: aks-identity-lint <command> [options]

Commands:
  scan [file|dir...]        lint Terraform plans (terraform show -json), ARM templates and Bicep (compiled with
                            bicep or az on PATH), what-if results and live state (az, REST or PowerShell JSON);
                            default: "paths" of the config
  test [policy dir...]      run policies' embedded examples (default: the built-in policies)
  list                      list the policies a scan runs
  explain <policy ID>       show a policy's documentation and the model fields it reads
  explain <kind> | model    list the model fields a policy can address (cluster, roleAssignment, ...)
  init                      write a config file and an example policy with its examples
  help, --help, --version

scan options:
  --policies <dir>          extra policy directory (repeatable)
  --no-builtin              do not load the built-in policies
  --format <name>           console (default), json, sarif (SARIF 2.1.0) or markdown
  --output <file>           write the report to a file instead of stdout (its directory is made if missing)
  --markdown-limit <bytes>  cut the markdown report to this size by priority, naming the cuts, as the action does
                            for a PR comment (65536)
  --include-not-applicable  list not-applicable results in the JSON report (default: counted per policy)
  --fail-on <severity>      fail at or above: critical, high, medium, low, info, none (default: high)
  --fail-on-indeterminate   also fail on results that are unknown until apply
  --terraform-dir <dir>     where the root module's .tf files are (default: each plan's directory)
  --parameters <file>       ARM/Bicep parameters file (repeatable; <template>.parameters.json beside it is read too)
  --param <name>=<value>    one template parameter (repeatable; wins over files)
  --deployment-scope <id>   the resource group or subscription ID templates deploy to (default: unknown)
  --config <file>           config file (default: .aks-identity-lint.json here or in a parent directory)
  --no-config               ignore config files
  --baseline <report.json>  report only findings that are not in this earlier JSON report
  --write-baseline <file>   write today's findings as a baseline (exits 0)
  --live                    also read live state from Azure (az login, azure/login, or AZURE_* variables)
  --subscription <id>       a subscription to read (repeatable; needed with --live)
  --resource-group <name>   only clusters in this resource group (repeatable)
  --cluster <name>          only the cluster of this name (repeatable)
  --live-via <how>          resource-graph (default) or per-cluster (default for one subscription and --cluster)
  --arm-endpoint <url>      Azure Resource Manager of a sovereign cloud (default: $AZURE_RESOURCE_MANAGER_ENDPOINT
                            or https://management.azure.com)

list options: --policies <dir>, --no-builtin, --config, --no-config, --format console|markdown, --output <file>
explain options: --policies <dir>, --config, --no-config, --format console|markdown, --output <file>
test options: --format console|json
init options: --force

Exit codes: 0 pass, 1 policy failures at or above --fail-on (scan) or failing examples (test),
2 usage, input, config or policy error.
`;
/** The first line of a parseArgs error, which says what was wrong. */
function usageErrorFrom(error) {
    return new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
}
/** parseArgs, with its errors (unknown option, missing value) turned into one-line usage errors. */
function parseCommandLine(config) {
    try {
        return parseArgs(config);
    }
    catch (error) {
        throw usageErrorFrom(error);
    }
}

export { EXIT_ERROR as E, USAGE as U, EXIT_PASS as a, UsageError as b, EXIT_FAIL as c, parseCommandLine as p };
