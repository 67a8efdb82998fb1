// The templates scripts/build.mjs compiled into dist/ (scripts/precompile-templates.mjs), for the
// server run from dist/: its first page renders without compiling templates (~1 s of a start).
// Run from src/ (tsx, the tests) there is no such file and every template is compiled from its
// source on first use, as before.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const builtFile = fileURLToPath(new URL('./templates-precompiled.cjs', import.meta.url));

/** A template's functions, made on its first use (a template's code is only parsed when needed). */
type Compiled = Record<string, () => object>;

class PrecompiledTemplates extends nunjucks.PrecompiledLoader {
  constructor(private readonly compiled: Compiled) {
    super();
  }

  override getSource(name: string): nunjucks.LoaderSource {
    const make = Object.hasOwn(this.compiled, name) ? this.compiled[name] : undefined;
    // The runtime takes { type: 'code', obj } for a compiled template (what nunjucks' own PrecompiledLoader gives).
    return (make ? { src: { type: 'code', obj: make() }, path: name, noCache: false } : null) as unknown as nunjucks.LoaderSource;
  }

  /** "../error-message/macro.njk" from "govuk/components/input/template.njk": names, not files, so resolved as names. */
  override resolve(from: string, to: string): string {
    return posix.join(posix.dirname(from), to);
  }
}

/** A loader of the build's compiled templates, to try before the templates' files; none when run from src/. */
export function precompiledTemplates(file = builtFile): nunjucks.ILoader | undefined {
  if (!existsSync(file)) return undefined;
  return new PrecompiledTemplates(createRequire(import.meta.url)(file) as Compiled);
}
