// Builds what the dashboard serves, from the sources in ../src/main/resources/dancu-web:
// - dist/: the app's ES modules bundled by Rollup into the app (app.js: everything the app itself imports), one file per
//   page and language, and the few modules pages share, then minified by esbuild: a page is 4 to 6 files and 21 to
//   23 KB gzipped, where the 17 modules were 45 KB, and the server names them all in the page as it sends it
//   (modulepreload, from dist/manifest.json), so that they load at once on a link of 400 ms round trips;
// - vendor/echarts.dancu.min.js: only the parts of ECharts the charts use (echarts.js), 178 KB gzipped instead of
//   the common build's 215 KB;
// - dist/manifest.json: each page's and language's files, and the SHA-256 of the sources (WebBundleTest fails when
//   dist/ is older than js/).
// Run after any change under dancu-web/js: npm ci && npm run build
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';
import { minify } from 'terser';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const WEB = new URL('../src/main/resources/dancu-web/', import.meta.url).pathname;
const DIST = join(WEB, 'dist');

/** SHA-256 over every file under js/, in path order: relative path, a newline, the bytes, a newline. */
function sourcesHash() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(join(WEB, 'js'));
  const hash = createHash('sha256');
  for (const path of files.map((f) => relative(WEB, f)).sort()) {
    hash.update(path + '\n');
    hash.update(readFileSync(join(WEB, path)));
    hash.update('\n');
  }
  return hash.digest('hex');
}

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });
const bundle = await rollup({ input: join(WEB, 'js/app.js') });
const { output } = await bundle.generate({ format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
await bundle.close();
const chunks = new Map(output.map((chunk) => [chunk.fileName, chunk]));
for (const chunk of output) {
  const minified = await esbuild.transform(chunk.code, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
  writeFileSync(join(DIST, chunk.fileName), minified.code);
}
/** A chunk and every chunk it imports statically: what must arrive before it runs. */
const closure = (fileName, into = new Set()) => {
  if (!into.has(fileName)) {
    into.add(fileName);
    for (const imported of chunks.get(fileName).imports) closure(imported, into);
  }
  return into;
};
const fileOf = (source) => output.find((chunk) => chunk.facadeModuleId === join(WEB, source)).fileName;
const pages = {};
for (const page of ['overview', 'structure', 'communes', 'change', 'forecast', 'd06', 'quality', 'sql', 'tables', 'myreports', 'login']) {
  pages[page] = [...closure(fileOf(`js/pages/${page}.js`))].filter((file) => file !== 'app.js').sort();
}
const languages = { vi: [fileOf('js/i18n/vi.js')], en: [fileOf('js/i18n/en.js')] };

// ECharts' parts: bundled and minified by esbuild, then again by terser (two passes), which saves a few KB more.
// The global `echarts` (the IIFE's var) is what the charts use: terser must not drop it (no toplevel option).
const echarts = await esbuild.build({
  entryPoints: [new URL('echarts.js', import.meta.url).pathname],
  bundle: true, minify: true, format: 'iife', globalName: 'echarts', target: 'es2017', legalComments: 'none', write: false, logLevel: 'warning',
});
const minified = await minify(echarts.outputFiles[0].text, { compress: { passes: 2 }, mangle: true, format: { comments: false } });
writeFileSync(join(WEB, 'vendor/echarts.dancu.min.js'),
  '/*! Apache ECharts 5.3.1 (Apache-2.0, https://echarts.apache.org): the parts dancu draws with, web/bundle/echarts.js */\n' + minified.code);

writeFileSync(join(DIST, 'manifest.json'), JSON.stringify({ sources: sourcesHash(), pages, languages }, null, 2) + '\n');
console.log(`built dist/ (${output.length} files) and vendor/echarts.dancu.min.js`);
