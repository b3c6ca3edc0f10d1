// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with their dependencies, as GitHub runs an action
// from its repository without installing node_modules.
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import { resolve } from 'node:path';

// COVERAGE_BUILD=1 (npm run coverage) builds a copy with source maps into coverage/dist, so that the coverage of
// the action and CLI run as processes maps back to src/; the committed dist/ carries no maps.
const coverage = process.env.COVERAGE_BUILD === '1';
const outDir = coverage ? 'coverage/dist' : 'dist';

const plugins = () => [
  typescript({
    tsconfig: 'tsconfig.json',
    include: ['src/**/*.ts'],
    compilerOptions: {
      noEmit: false,
      outDir,
      sourceMap: coverage,
      inlineSources: coverage,
      declaration: false,
    },
  }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json(),
];

// One build of both entry points: code they share, and the live query with the Azure SDK, go to chunks. The SDK
// is loaded with import() only in live mode, so starting the action reads index.js and its shared chunk alone.
export default {
  input: { index: 'src/index.ts', cli: 'src/cli.ts' },
  output: {
    dir: outDir,
    sourcemap: coverage,
    // Absolute paths, so that coverage maps back to src/ whatever directory the bundle is in.
    sourcemapPathTransform: (relative) => {
      const modules = relative.lastIndexOf('node_modules/');
      const source = relative.indexOf('src/');
      if (modules >= 0) return resolve(relative.slice(modules));
      return source >= 0 ? resolve(relative.slice(source)) : relative;
    },
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
  },
  plugins: plugins(),
  onwarn(warning, warn) {
    // Dependencies written for CommonJS reassign `this`; that is expected when bundling them as ESM.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    // Dependencies' own modules import each other; a cycle in our sources would still be reported.
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules')))
      return;
    warn(warning);
  },
};
