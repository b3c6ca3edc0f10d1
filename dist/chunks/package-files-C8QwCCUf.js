import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached;
/**
 * The directory of this package (where package.json, policies/, schema/ and docs/ are), found from the running
 * module: src/ under tests, dist/ when bundled, node_modules/aks-identity-lint when installed.
 */
function packageRoot() {
    if (cached !== undefined)
        return cached;
    let dir = dirname(fileURLToPath(import.meta.url));
    for (;;) {
        const manifest = join(dir, 'package.json');
        if (existsSync(manifest)) {
            const name = JSON.parse(readFileSync(manifest, 'utf8')).name;
            if (name === 'aks-identity-lint')
                return (cached = dir);
        }
        const parent = dirname(dir);
        if (parent === dir)
            throw new Error('aks-identity-lint: cannot find the package directory');
        dir = parent;
    }
}
function packageVersion() {
    const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}
const builtInPolicyDir = () => join(packageRoot(), 'policies');
const policySchemaPath = () => join(packageRoot(), 'schema', 'policy.schema.json');
const modelSchemaPath = () => join(packageRoot(), 'schema', 'model.schema.json');
const policyDocsDir = () => join(packageRoot(), 'docs', 'policies');

export { packageRoot as a, builtInPolicyDir as b, policyDocsDir as c, policySchemaPath as d, modelSchemaPath as m, packageVersion as p };
