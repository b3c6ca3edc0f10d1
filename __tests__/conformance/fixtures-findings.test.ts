import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeShared, sharedFixtures } from '../helpers/fixtures.js';
import { runCli, jsonReport } from '../helpers/run-cli.js';

/**
 * What the built-in pack finds in every file of ../shared/fixtures (inputs nobody on this project wrote), one line
 * per failing or indeterminate result: policy, status, resource, and the message a reader checks against the
 * policy's docs page. Formats this version does not read are listed with the error they give.
 */
// The files this suite expects, named here so that, without ../shared, jest still knows each test (skipped) and
// keeps its snapshot instead of calling it obsolete. With ../shared, a file added or removed there is a failure.
const files = JSON.parse(
  readFileSync(new URL('./shared-fixtures.json', import.meta.url), 'utf8'),
) as string[];

describeShared('the shared fixtures', () => {
  it('are the files this suite expects', () => {
    const present = ['terraform', 'arm', 'bicep', 'whatif', 'live'].flatMap((dir) =>
      readdirSync(join(sharedFixtures, dir))
        .sort()
        .map((name) => `${dir}/${name}`),
    );
    expect(present).toEqual(files);
  });
});

describeShared('findings on the shared fixtures', () => {
  it.each(files)('%s', (file) => {
    const run = runCli(['scan', join(sharedFixtures, file), '--format', 'json', '--fail-on', 'none']);
    if (run.status !== 0) {
      expect(run.status).toBe(2);
      expect(run.stderr.replace(sharedFixtures, '<fixtures>')).toMatchSnapshot();
      return;
    }
    const report = jsonReport(run.stdout);
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
