import { describe, expect, it } from 'vitest';
import { answerWhileStarting } from './starting.ts';

describe('answers while the server starts', () => {
  it('says the process is alive at /health, and starting', async () => {
    const response = answerWhileStarting(new Request('http://127.0.0.1:3000/health'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok', starting: true });
  });

  it('answers every other page 503 with a retry hint', async () => {
    for (const path of ['/sign-in', '/', '/inspections/1/cases?x=1', '/health/ready']) {
      const response = answerWhileStarting(new Request(`http://127.0.0.1:3000${path}`, { method: path === '/' ? 'POST' : 'GET' }));
      expect(response.status, path).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.text()).toBe('Inspectorate is starting: try again in a few seconds.\n');
    }
  });
});
