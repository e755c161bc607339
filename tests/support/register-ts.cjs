/**
 * Lets a worker thread started from the TypeScript sources (the plan parser's, under vitest) load them:
 * compiles each .ts file with TypeScript's transpiler (plain JavaScript, nothing native in the thread), and resolves the @duban/* paths of tsconfig.base.json.
 * The runner names this file in DUBAN_TS_LOADER (vitest.config.mts); a build never needs it.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload: require is how it loads anything */
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const ts = require('typescript');

const root = join(__dirname, '..', '..');
const { paths } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const target = paths[request]?.[0];
  return resolveFilename.call(this, target ? join(root, target) : request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true },
  });
  module._compile(outputText, filename);
};
