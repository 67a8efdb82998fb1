// The HTTP application: GOV.UK pages and the JSON API over the same services.
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { join } from 'node:path';
import type { Db } from '../db/repositories/index.ts';
import { AppError } from '../services/errors.ts';
import { govukDist, mojRoot, page } from './render.ts';
import { fileURLToPath } from 'node:url';
import { apiRoutes } from './routes/api.ts';
import { pageRoutes } from './routes/pages.ts';

export interface AppDeps {
  db: Db;
}

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const STATUS = { 'not-found': 404, invalid: 400, conflict: 409 } as const;

export function createApp({ db }: AppDeps): Hono {
  const app = new Hono();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", NONCE],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        fontSrc: ["'self'"],
      },
    }),
  );
  const assets = join(govukDist, 'govuk', 'assets');
  app.get('/assets/govuk-frontend.min.css', serveStatic({ path: join(govukDist, 'govuk', 'govuk-frontend.min.css') }));
  app.get('/assets/govuk-frontend.min.js', serveStatic({ path: join(govukDist, 'govuk', 'govuk-frontend.min.js') }));
  app.get('/assets/moj-frontend.min.css', serveStatic({ path: join(mojRoot, 'moj', 'moj-frontend.min.css') }));
  app.get('/assets/init.js', serveStatic({ path: join(publicDir, 'init.js') }));
  app.use('/assets/*', serveStatic({ root: assets, rewriteRequestPath: (p) => p.replace(/^\/assets/, '') }));

  app.route('/api', apiRoutes(db));
  app.route('/', pageRoutes(db));

  app.notFound((c) =>
    c.req.path.startsWith('/api')
      ? c.json({ error: 'not-found', message: `No such resource: ${c.req.path}` }, 404)
      : page(c, 'error.njk', { title: 'Page not found', heading: 'Page not found', message: 'If you typed the web address, check it is correct.' }, 404),
  );
  app.onError((error, c) => {
    const status = error instanceof AppError ? STATUS[error.code] : 500;
    if (status === 500) console.error(error);
    const message = status === 500 ? 'Sorry, there is a problem with the service.' : error.message;
    if (c.req.path.startsWith('/api'))
      return c.json({ error: error instanceof AppError ? error.code : 'internal', message, ...(error instanceof AppError && error.problems.length ? { problems: error.problems } : {}) }, status);
    return page(c, 'error.njk', { title: message, heading: status === 404 ? 'Page not found' : message, message: status === 404 ? message : 'Try again later.' }, status);
  });
  return app;
}
