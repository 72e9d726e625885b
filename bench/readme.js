#!/usr/bin/env node
// README's benchmark figures, regenerated from the committed bench/results/latest.json (between
// the bench markers), so they never drift from the run they come from. Also rewrites latest.md
// from the same JSON.
//   node bench/readme.js           rewrite README.md (and bench/results/latest.md)
//   node bench/readme.js --check   exit 1 when README.md does not match latest.json
const fs = require('fs');
const path = require('path');
const { readmeBlock, replaceBlock, markdown } = require('./lib/render');

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');
const LATEST = path.join(__dirname, 'results', 'latest.json');

function expected() {
  const results = JSON.parse(fs.readFileSync(LATEST, 'utf8'));
  const readme = fs.readFileSync(README, 'utf8');
  return { results, readme, next: replaceBlock(readme, readmeBlock(results)) };
}

if (require.main === module) {
  const { results, readme, next } = expected();
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md benchmark figures differ from bench/results/latest.json: run `node bench/readme.js`');
      process.exit(1);
    }
    console.log('README.md matches bench/results/latest.json');
  } else {
    fs.writeFileSync(README, next);
    fs.writeFileSync(path.join(__dirname, 'results', 'latest.md'), markdown(results).replace(/\n*$/, '\n'));
    console.log(next === readme ? 'README.md already up to date' : 'README.md benchmark figures regenerated from bench/results/latest.json');
  }
}

module.exports = { expected };
