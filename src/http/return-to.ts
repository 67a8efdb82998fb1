// Where to go after signing in: only a path on this site. The WHATWG URL parser decides, as a
// browser would: it reads "\" as "/", drops tabs and newlines, and resolves "/./" and "/.."; so
// "/\host", "/%09/host" (decoded), "//host" and "/.//host" all name another host and are refused.

const BASE = new URL('https://inspectorate.invalid/');

/** The same-site path (with its query and fragment) to return to, or "/" for anything else. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2_000) return '/';
  // Control characters and backslashes are never in a path this site makes; browsers read them loosely.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE.origin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that now begins "//" would be read by the browser as another host.
  return path.startsWith('//') ? '/' : path;
}
