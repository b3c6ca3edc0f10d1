import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeShared, sharedFixtures, sharedPresent } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * What the built-in pack finds in every file of ../shared/fixtures (inputs nobody on this project wrote), one line
 * per failing or indeterminate result: policy, status, resource, and the message a reader checks against the
 * policy's docs page. Formats this version does not read are listed with the error they give.
 */
// Without ../shared there is nothing to list (and the describe below is skipped).
const files = (sharedPresent ? ['terraform', 'arm', 'bicep', 'whatif', 'live'] : []).flatMap((dir) =>
  readdirSync(join(sharedFixtures, dir))
    .sort()
    .map((name) => `${dir}/${name}`),
);

interface Report {
  results: {
    policyId: string;
    status: string;
    entity: { key: string };
    message?: string;
    because?: { field: string }[];
  }[];
}

describeShared('findings on the shared fixtures', () => {
  it.each(files)('%s', (file) => {
    const run = runCli(['scan', join(sharedFixtures, file), '--format', 'json', '--fail-on', 'none']);
    if (run.status !== 0) {
      expect(run.status).toBe(2);
      expect(run.stderr.replace(sharedFixtures, '<fixtures>')).toMatchSnapshot();
      return;
    }
    const report = JSON.parse(run.stdout) as Report;
    const lines = report.results
      .filter((r) => r.status === 'fail' || r.status === 'indeterminate')
      .map((r) =>
        [
          r.policyId,
          r.status,
          r.entity.key,
          r.status === 'fail' ? r.message : `unknown: ${(r.because ?? []).map((b) => b.field).join(', ')}`,
        ].join(' | '),
      );
    expect(lines.join('\n')).toMatchSnapshot();
  });
});
