// Times one parser on one file, in this Node process: covdash's wasm build or an npm parser
// (the LCOV parsers, or istanbul-lib-coverage for coverage-final.json).
//
//   node bench/run.mjs covdash-wasm-web | covdash-wasm-release FILE
//   node bench/run.mjs parse-lcov | lcov-parse | friedemannsommer FILE
//   node bench/run.mjs istanbul-lib-coverage FILE
//
// Prints one tab-separated line: parser, file, MB, median ms of 3 runs (after a warm-up for
// wasm), MB/s. Peak memory is measured around the process by bench/run.sh.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const [parser, file] = process.argv.slice(2);
const buffer = readFileSync(file);
const mb = buffer.length / 1e6;

async function parseWith(name) {
  switch (name) {
    case 'covdash-wasm-web':
    case 'covdash-wasm-release': {
      const wasm = require(join(here, '..', 'target', name.replace('covdash-', 'bench-'), 'covdash_bench_wasm.js'));
      // Room for the input copy and the model, grown once.
      wasm.reserve(buffer.length * 2);
      return () => wasm.parse(buffer);
    }
    case 'parse-lcov': {
      const parse = require('parse-lcov').default ?? require('parse-lcov');
      return () => parse(buffer.toString('utf8'));
    }
    case 'lcov-parse': {
      const parse = require('lcov-parse');
      return () => new Promise((resolve, reject) => parse(buffer.toString('utf8'), (err, data) => (err ? reject(new Error(err)) : resolve(data))));
    }
    case 'friedemannsommer': {
      // Its streaming API, the faster of its two.
      const { default: lcovParser } = await import('@friedemannsommer/lcov-parser');
      const { createReadStream } = await import('node:fs');
      return () => lcovParser({ from: createReadStream(file) });
    }
    case 'istanbul-lib-coverage': {
      // What nyc and Jest do with a coverage-final.json: a coverage map, then its summary.
      const { createCoverageMap } = require('istanbul-lib-coverage');
      return () => createCoverageMap(JSON.parse(buffer.toString('utf8'))).getCoverageSummary();
    }
    default:
      throw new Error(`unknown parser ${name}`);
  }
}

const run = await parseWith(parser);
const runs = parser.startsWith('covdash-wasm') ? 4 : 3;
const ms = [];
for (let i = 0; i < runs; i += 1) {
  const start = process.hrtime.bigint();
  await run();
  ms.push(Number(process.hrtime.bigint() - start) / 1e6);
}
// For wasm the first run includes compiling the module's hot code (Liftoff to TurboFan).
const timed = parser.startsWith('covdash-wasm') ? ms.slice(1) : ms;
timed.sort((a, b) => a - b);
const median = timed[Math.floor(timed.length / 2)];
console.log([parser, file, `${mb.toFixed(1)} MB`, `${median.toFixed(0)} ms`, `${(mb / (median / 1000)).toFixed(0)} MB/s`, `first ${ms[0].toFixed(0)} ms`].join('\t'));
