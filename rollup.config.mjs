// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with their dependencies, as GitHub runs an action
// from its repository without installing node_modules.
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

const plugins = () => [
  typescript({
    tsconfig: 'tsconfig.json',
    include: ['src/**/*.ts'],
    compilerOptions: { noEmit: false, outDir: 'dist', sourceMap: false, declaration: false },
  }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json(),
];

const entry = (input, file, banner) => ({
  input,
  output: { file, format: 'es', banner, inlineDynamicImports: true },
  plugins: plugins(),
  onwarn(warning, warn) {
    // Dependencies written for CommonJS reassign `this`; that is expected when bundling them as ESM.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    // @actions/core's own modules import each other; a cycle in our sources would still be reported.
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules')))
      return;
    warn(warning);
  },
});

export default [
  entry('src/index.ts', 'dist/index.js'),
  entry('src/cli.ts', 'dist/cli.js', '#!/usr/bin/env node'),
];
