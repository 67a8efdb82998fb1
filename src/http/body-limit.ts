// Every request body is limited before anything reads it (the CSRF check parses every form), and an
// oversized one is answered 413 at once. A declared Content-Length over the limit is refused before
// a byte of the body is read (Node never reads past it); a streamed (chunked) body is counted as it
// arrives by Hono's bodyLimit, which stops at the limit.
//
// Most clients send the whole body before they read the answer, so the rest of a refused body is
// read and thrown away (never kept) while the answer waits on the wire; past DISCARD_MAX_BYTES or
// DISCARD_MAX_MS the connection is closed instead.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { IncomingMessage } from 'node:http';
import type { AppEnv } from './auth.ts';
import { errorPage, wantsJson } from './error-page.ts';

const KB = 1024;
const MB = 1024 * KB;

export interface BodyLimit {
  /** The most a body may hold, in bytes. */
  maxBytes: number;
  /** What the limit is, in words, for the 413 answer. */
  words: string;
}

/** Forms: ample for the longest rationale or report text. */
export const FORM_LIMIT: BodyLimit = { maxBytes: 1 * MB, words: '1 MB' };
/** A file: a service's caseload (CSV or XLSX), the survey's contact list, the register of SFO reviews, an SFO review's document. */
export const UPLOAD_LIMIT: BodyLimit = { maxBytes: 20 * MB, words: '20 MB' };
/** One inbound text message from the text provider. */
export const WEBHOOK_LIMIT: BodyLimit = { maxBytes: 64 * KB, words: '64 KB' };

/** Routes that take more (or less) than a form: the file uploads and the text provider's webhook. */
const ROUTE_LIMITS: readonly [RegExp, BodyLimit][] = [
  [/^\/inspections\/[^/]+\/sample\/caseload\/?$/, UPLOAD_LIMIT],
  [/^\/inspections\/[^/]+\/survey\/contacts\/?$/, UPLOAD_LIMIT],
  [/^\/sfo\/register\/?$/, UPLOAD_LIMIT],
  [/^\/sfo\/reviews\/[^/]+\/document\/?$/, UPLOAD_LIMIT],
  [/^\/sms\/inbound\/?$/, WEBHOOK_LIMIT],
];

export const bodyLimitFor = (path: string): BodyLimit => ROUTE_LIMITS.find(([pattern]) => pattern.test(path))?.[1] ?? FORM_LIMIT;

const DISCARD_MAX_BYTES = 256 * MB;
const DISCARD_MAX_MS = 30_000;

const tooLarge = (c: Context<AppEnv>, limit: BodyLimit) => {
  const message = limit === UPLOAD_LIMIT ? `The file must be smaller than ${limit.words}` : `The request must be smaller than ${limit.words}`;
  return wantsJson(c)
    ? c.json({ error: 'too-large', message }, 413)
    : errorPage(c, { heading: limit === UPLOAD_LIMIT ? 'The file is too large' : 'The form is too large', message: `${message}. Go back and try again.` }, 413);
};

export function limitBodies(): MiddlewareHandler<AppEnv> {
  const streamed = new Map<BodyLimit, MiddlewareHandler<AppEnv>>();
  for (const limit of [FORM_LIMIT, UPLOAD_LIMIT, WEBHOOK_LIMIT])
    streamed.set(limit, bodyLimit({ maxSize: limit.maxBytes, onError: (c) => tooLarge(c as Context<AppEnv>, limit) }));
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limit = bodyLimitFor(c.req.path);
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return streamed.get(limit)!(c, next);
    if (!(Number(declared) > limit.maxBytes)) return next();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const answer = tooLarge(c, limit);
    if (!incoming) return answer; // not on a socket (app.request in tests)
    if (Number(declared) > DISCARD_MAX_BYTES) return closing(answer);
    return answerWhileDiscarding(answer, incoming);
  };
}

/**
 * The answer, sent now, with the connection held open until the rest of the body has been read and
 * thrown away (so the client, still sending, can then read it), or closed past the bounds.
 */
async function answerWhileDiscarding(answer: Response, incoming: IncomingMessage): Promise<Response> {
  const bytes = new Uint8Array(await answer.arrayBuffer());
  const headers = new Headers(answer.headers);
  headers.set('content-length', String(bytes.length));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      void discardRest(incoming).then(() => {
        try {
          controller.close();
        } catch {
          // the client went away before the rest came: nothing to close
        }
      });
    },
  });
  return new Response(body, { status: answer.status, headers });
}

function discardRest(incoming: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (incoming.readableEnded || incoming.destroyed) return resolve();
    let bytes = 0;
    const done = () => {
      clearTimeout(timer);
      incoming.off('data', onData);
      resolve();
    };
    const giveUp = () => {
      incoming.socket?.destroySoon();
      done();
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > DISCARD_MAX_BYTES) giveUp();
    };
    const timer = setTimeout(giveUp, DISCARD_MAX_MS);
    incoming.on('data', onData);
    incoming.once('end', done);
    incoming.once('close', done);
    incoming.resume();
  });
}

/** Too large even to throw away: answer, and Node closes the connection after the answer. */
function closing(answer: Response): Response {
  answer.headers.set('connection', 'close');
  return answer;
}
