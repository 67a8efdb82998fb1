// A stand-in for GOV.UK Notify's API on a local port, for the adapters' tests: it records each
// request and answers what the test sets in `respond`. Opened before and closed after the file's tests.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface SeenByNotify {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeNotify {
  seen: SeenByNotify[];
  respond: (body: Record<string, unknown>) => { status: number; json: unknown };
  baseUrl: string;
}

export function fakeNotifyServer(): FakeNotify {
  const fake: FakeNotify = { seen: [], respond: () => ({ status: 500, json: {} }), baseUrl: '' };
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        fake.seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        const { status, json } = fake.respond(body);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return fake;
}
