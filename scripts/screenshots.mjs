// Draws the PR comment for each report sample (scripts/report-samples.mjs) the way GitHub shows it: the markdown
// rendered as GFM with raw HTML, styled by github-markdown-css in an 880-pixel comment column, Mermaid drawn, in
// the light and the dark theme, in headless Chromium (Debian's package). Writes PNGs to screenshots/ (ignored by
// git) and prints what it measured: page height, the widest table against the column, and how far each map was
// shrunk to fit. Exits 1 when a table is wider than the column.
//
//   npm run screenshots [-- sample|input...]     CHROMIUM=/path/to/chromium to use another browser

/* global window, document -- used inside page.evaluate, which runs in the browser */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { chromium } from 'playwright-core';
import { reportSamples } from './report-samples.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const COLUMN = 880;
const THEMES = {
  light: { css: 'github-markdown-css/github-markdown-light.css', background: '#ffffff', mermaid: 'default' },
  dark: { css: 'github-markdown-css/github-markdown-dark.css', background: '#0d1117', mermaid: 'dark' },
};

/** The comment as the action posts it, made by the CLI from the sample's plan and `.tf` (exit 1 is a verdict). */
function commentFor(dir, input) {
  const args = ['scan', input, '--format', 'markdown', '--fail-on', 'high', '--markdown-limit', '65536'];
  const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args, '--no-config'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`scan of ${dir} failed: ${run.stderr}`);
  return run.stdout.replace(/\n$/, '');
}

/** GFM to HTML, with Mermaid code blocks turned into the elements Mermaid draws in place, as GitHub does. */
function pageFor(markdown, theme) {
  const html = marked
    .parse(markdown, { gfm: true })
    .replace(
      /<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g,
      '<pre class="mermaid">$1</pre>',
    );
  return `<!doctype html><html><head><meta charset="utf-8"></head>
<body style="margin:0;background:${THEMES[theme].background}">
<article class="markdown-body" style="box-sizing:border-box;width:${COLUMN}px;padding:16px">${html}</article>
</body></html>`;
}

async function measure(page) {
  return page.evaluate(() => {
    const article = document.querySelector('article');
    const column = article.clientWidth - 32;
    const tables = [...article.querySelectorAll('table')].map((t) => t.scrollWidth);
    const maps = [...article.querySelectorAll('pre.mermaid svg')].map((svg) => {
      const natural = svg.viewBox.baseVal.width;
      return natural > 0 ? svg.getBoundingClientRect().width / natural : 1;
    });
    return { column, height: document.body.scrollHeight, tables, maps };
  });
}

async function main() {
  const wanted = process.argv.slice(2);
  // An argument is a sample's name, or an input of your own (a plan, a template, a directory) to draw instead.
  const own = wanted.filter((w) => existsSync(w)).map((w) => [basename(resolve(w)), resolve(w)]);
  const samples = Object.entries(reportSamples()).filter(
    ([name]) => (wanted.length === 0 && own.length === 0) || wanted.includes(name),
  );
  const out = join(root, 'screenshots');
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
  const work = mkdtempSync(join(tmpdir(), 'aks-identity-lint-screens-'));
  let overflow = false;
  console.log('| sample | theme | bytes | height px | widest table px (column) | map scale |');
  console.log('|---|---|---:|---:|---|---|');
  try {
    const drawings = [
      ...samples.map(([name, files]) => {
        const dir = join(work, name);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'tfplan.json'), JSON.stringify(files['tfplan.json']));
        writeFileSync(join(dir, 'main.tf'), files['main.tf']);
        return [name, commentFor(dir, 'tfplan.json')];
      }),
      ...own.map(([name, path]) => [name, commentFor(dirname(path), path)]),
    ];
    for (const [name, markdown] of drawings) {
      for (const [theme, look] of Object.entries(THEMES)) {
        const page = await browser.newPage({ viewport: { width: COLUMN, height: 800 } });
        await page.setContent(pageFor(markdown, theme));
        await page.addStyleTag({ path: require.resolve(look.css) });
        await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
        await page.evaluate(async (mermaidTheme) => {
          window.mermaid.initialize({ startOnLoad: false, theme: mermaidTheme });
          await window.mermaid.run({ querySelector: 'pre.mermaid' });
        }, look.mermaid);
        const m = await measure(page);
        await page.screenshot({ path: join(out, `${name}-${theme}.png`), fullPage: true });
        await page.close();
        const widest = Math.max(0, ...m.tables);
        if (widest > m.column) overflow = true;
        const scales = m.maps.map((s) => `${Math.round(s * 100)}%`).join(', ') || '—';
        console.log(
          `| ${name} | ${theme} | ${Buffer.byteLength(markdown, 'utf8')} | ${m.height} | ${widest} (${m.column})${widest > m.column ? ' OVERFLOWS' : ''} | ${scales} |`,
        );
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`\nPNGs in ${out}`);
  if (overflow) {
    console.error('A table is wider than the comment column.');
    process.exitCode = 1;
  }
}

await main();
