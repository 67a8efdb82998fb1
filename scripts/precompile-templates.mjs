// Compiles every Nunjucks template the pages can reach (the app's views, GOV.UK Frontend's and MoJ
// Frontend's) into one CommonJS module beside the compiled code (scripts/build.mjs), so a start's
// first page runs compiled templates instead of lexing, parsing and compiling a dozen of them
// (~1 s). Each template is named as the pages' FileSystemLoader finds it (src/presenters/templates.ts:
// the first search path holding a name wins) and compiled as it would be at run time, with the same
// options; each is made into its functions only when first used.
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import nunjucks from 'nunjucks';

/** The same options as src/presenters/templates.ts's environment (the compiler reads throwOnUndefined and the lexer's). */
const options = { autoescape: true, throwOnUndefined: false };

function* templateFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') yield* templateFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.njk')) yield path;
  }
}

/** Writes outFile: module.exports = { name: function () { …compiled… return { root: root, … }; }, … }. */
export function precompileTemplates(searchPaths, outFile) {
  const env = new nunjucks.Environment([], options);
  const names = new Set();
  let out = "'use strict';\n// Made by scripts/precompile-templates.mjs: do not edit.\nmodule.exports = {\n";
  for (const dir of searchPaths) {
    for (const path of templateFiles(dir)) {
      const name = relative(dir, path).split(sep).join('/');
      if (names.has(name)) continue;
      names.add(name);
      const body = nunjucks.precompile(path, { name, env, wrapper: (templates) => templates[0].template });
      out += `${JSON.stringify(name)}: function () {\n${body}\n},\n`;
    }
  }
  writeFileSync(outFile, `${out}};\n`);
  return names.size;
}
