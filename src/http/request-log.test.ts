import { describe, expect, it } from 'vitest';
import { requestIdFrom } from './request-log.ts';

describe('request ids', () => {
  it('keeps a short plain token from a proxy and replaces anything else with a new id', () => {
    expect(requestIdFrom('proxy-req-0123456789')).toBe('proxy-req-0123456789');
    for (const sent of [undefined, '', 'short', 'has space in it', '<script>alert(1)</script>', 'x'.repeat(65), 'line\nbreak-0000', 'email@example.org'])
      expect(requestIdFrom(sent)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
