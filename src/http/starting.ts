// What the server answers between taking its port and the app being ready (src/main.ts): liveness
// (/health) is already true, since the process is up; everything else is 503 with a retry hint, so a
// probe or a person can tell a starting server from a broken one.
export function answerWhileStarting(request: Request): Response {
  return new URL(request.url).pathname === '/health'
    ? Response.json({ status: 'ok', starting: true }, { headers: { 'cache-control': 'no-store' } })
    : new Response('Inspectorate is starting: try again in a few seconds.\n', { status: 503, headers: { 'retry-after': '5', 'content-type': 'text/plain; charset=utf-8' } });
}
