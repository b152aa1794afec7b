'use strict';
// Runs TypeScript files directly (`node -r ./bench/register.js bench/validate.ts`) by transpiling each
// module on load with the TypeScript compiler already in devDependencies. No type checking here:
// `npm run typecheck` covers bench/ through tsconfig.json.
const ts = require('typescript');
const fs = require('fs');

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
      inlineSourceMap: true,
    },
  });
  module._compile(out.outputText, filename);
};
