// Nunjucks with the GOV.UK Frontend and MoJ Frontend macros, for pages, documents and the few
// cells built in code. Here rather than in http so that presenters, reports and the CLI can use it.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { govukDate, govukDateTime } from './govuk-dates.ts';
import { precompiledTemplates } from './precompiled-templates.ts';

const require = createRequire(import.meta.url);
export const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const mojRoot = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
const viewsDir = fileURLToPath(new URL('../http/views/', import.meta.url));

// Run from dist/, the build's compiled templates first (precompiled-templates.ts); the files for any other.
const precompiled = precompiledTemplates();
const files = new nunjucks.FileSystemLoader([viewsDir, govukDist, mojRoot], { noCache: false });
const env = new nunjucks.Environment(precompiled ? [precompiled, files] : files, {
  autoescape: true,
  throwOnUndefined: false,
});
env.addGlobal('serviceName', 'Inspectorate');
// Every date a person reads: "5 October 2026", "5 October 2026 at 2:05pm" (UK time).
env.addFilter('govukDate', govukDate);
env.addFilter('govukDateTime', govukDateTime);
// Nunjucks's own trim, /^\s*|\s*$/g, is quadratic in a run of spaces not at the end, and the GOV.UK
// macros trim every block of markup they are given; String#trim strips the same characters (\s).
const { SafeString } = nunjucks.runtime;
env.addFilter('trim', (str: string | nunjucks.runtime.SafeString) => (str instanceof SafeString ? new SafeString(String(str).trim()) : str.trim()));

export function render(template: string, context: Record<string, unknown>): string {
  return env.render(template, context);
}

// The one-line template that calls a macro, compiled on its first use and kept (a handful of
// component and macro pairs): renderString compiled it anew for every cell.
const macroCallers = new Map<string, nunjucks.Template>();

/** A GOV.UK or MoJ macro's markup, for places a template cannot reach (cells built in code). */
export function renderMacro(component: string, macro: string, params: unknown): string {
  const key = `${component}\n${macro}`;
  let caller = macroCallers.get(key);
  if (caller === undefined) {
    caller = new nunjucks.Template(`{% from "${component}/macro.njk" import ${macro} %}{{ ${macro}(params) }}`, env);
    macroCallers.set(key, caller);
  }
  return caller.render({ params }).trim();
}

// A macro whose markup is the same on every page but for a few values of its parameters (the MoJ
// header: its home link), rendered once for each and kept. Only for parameters that take a handful
// of values: the cache is not bounded.
const cachedMacros = new Map<string, nunjucks.runtime.SafeString>();
env.addGlobal('cachedMacro', (component: string, macro: string, params: unknown) => {
  const key = JSON.stringify([component, macro, params]);
  let html = cachedMacros.get(key);
  if (html === undefined) {
    html = new nunjucks.runtime.SafeString(renderMacro(component, macro, params));
    cachedMacros.set(key, html);
  }
  return html;
});

const TAG_COLOURS: Record<string, string> = {
  Outstanding: 'green',
  Good: 'turquoise',
  'Requires improvement': 'orange',
  Inadequate: 'red',
};

// A tag's markup depends only on its text and colour; compiling the macro costs more than the rest
// of a cell, and a ratings table repeats the same few tags hundreds of times.
const tags = new Map<string, string>();

export function ratingTag(rating: string | null, fallback = 'Not rated'): string {
  const key = `${rating}|${fallback}`;
  let html = tags.get(key);
  if (html === undefined) {
    html = renderMacro('govuk/components/tag', 'govukTag', {
      text: rating ?? fallback,
      classes: `govuk-tag--${rating ? (TAG_COLOURS[rating] ?? 'grey') : 'grey'}`,
    });
    tags.set(key, html);
  }
  return html;
}

/** The "Demonstration data" tag after a name (with its leading space), or nothing for real data. */
export const demoTag = (isDemo: boolean): string => (isDemo ? ` ${ratingTag(null, 'Demonstration data')}` : '');

/** Escapes text for the few cells whose HTML is built in code. */
export const escapeHtml = (s: string): string => (nunjucks.lib as unknown as { escape(s: string): string }).escape(s);
