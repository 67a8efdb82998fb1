import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error a build script in plain JavaScript, without types
import { precompileTemplates } from '../../scripts/precompile-templates.mjs';
import { precompiledTemplates } from './precompiled-templates.ts';
import { govukDist, mojRoot } from './templates.ts';

const viewsDir = fileURLToPath(new URL('../http/views/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'precompiled-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = { autoescape: true, throwOnUndefined: false };
const files = () => new nunjucks.FileSystemLoader([viewsDir, govukDist, mojRoot]);

describe('precompiled templates (the build compiles them for dist/)', () => {
  const file = join(dir, 'templates-precompiled.cjs');
  const count = (precompileTemplates as (paths: string[], out: string) => number)([viewsDir, govukDist, mojRoot], file);
  const compiled = new nunjucks.Environment([precompiledTemplates(file)!, files()], options);
  const fromFiles = new nunjucks.Environment(files(), options);
  // What the layout reads from templates.ts's environment.
  for (const env of [compiled, fromFiles]) {
    env.addGlobal('serviceName', 'Inspectorate');
    env.addGlobal('cachedMacro', (component: string, macro: string, params: unknown) =>
      new nunjucks.runtime.SafeString(env.renderString(`{% from "${component}/macro.njk" import ${macro} %}{{ ${macro}(params) }}`, { params })),
    );
  }

  it('compiles every template of the views and both frontends, and renders a page exactly as the files do', () => {
    expect(count).toBeGreaterThan(200);
    const context = { csrfToken: 'token', values: { email: 'a@b.c', returnTo: '/' }, fieldErrors: { password: 'Enter your password' }, errors: [{ text: 'Enter your password', href: '#password' }] };
    const page = compiled.render('sign-in.njk', context);
    expect(page).toContain('Enter your password');
    expect(page).toBe(fromFiles.render('sign-in.njk', context));
  });

  it('resolves a frontend macro\'s relative imports by name (the input macro imports the error message)', () => {
    const macro = '{% from "govuk/components/input/macro.njk" import govukInput %}{{ govukInput({ id: "x", name: "x", label: { text: "X" }, errorMessage: { text: "Wrong" } }) }}';
    expect(compiled.renderString(macro, {})).toBe(fromFiles.renderString(macro, {}));
    expect(compiled.renderString(macro, {})).toContain('govuk-error-message');
  });

  it('gives no loader when the build made no file (run from src/)', () => {
    expect(precompiledTemplates(join(dir, 'none.cjs'))).toBeUndefined();
  });
});
