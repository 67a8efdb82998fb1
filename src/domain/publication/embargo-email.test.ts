import { describe, expect, it } from 'vitest';
import { embargoEmail } from './embargo-email.ts';

describe('the embargoed copy’s email', () => {
  it('says who it is for, until when the report is embargoed, and gives the recipient’s own link on a line of its own', () => {
    const { subject, body } = embargoEmail({ recipientName: 'Regional Probation Director', organisationName: 'Leeds', reportTitle: 'An inspection of probation services in Leeds', publishOn: '2026-10-05', link: 'https://inspectorate.example.gov.uk/embargoed?link=abc' });
    expect(subject).toBe('Embargoed until Monday 5 October 2026: inspection of probation services in Leeds');
    expect(body.startsWith('Dear Regional Probation Director,\n\n')).toBe(true);
    expect(body).toContain('will publish its report on the inspection of probation services in Leeds on Monday 5 October 2026');
    expect(body).toContain('Open your copy here:\nhttps://inspectorate.example.gov.uk/embargoed?link=abc\n\n');
    expect(body).toContain('It stops working when the report is published');
  });

  it('names the inspection in the words of its framework’s report title: a youth justice service’s', () => {
    const { subject, body } = embargoEmail({ recipientName: 'Chair of the management board', organisationName: 'Leeds', reportTitle: 'An inspection of youth justice services in Leeds', publishOn: '2026-10-05', link: 'https://inspectorate.example.gov.uk/embargoed?link=abc' });
    expect(subject).toBe('Embargoed until Monday 5 October 2026: inspection of youth justice services in Leeds');
    expect(body).toContain('will publish its report on the inspection of youth justice services in Leeds on Monday 5 October 2026');
    expect(`${subject}\n${body}`).not.toMatch(/probation services/);
  });

  it('an email queued before the title was kept names only the service', () => {
    const { subject } = embargoEmail({ recipientName: 'A', organisationName: 'Leeds', publishOn: '2026-10-05', link: 'https://x.example/embargoed?link=abc' });
    expect(subject).toBe('Embargoed until Monday 5 October 2026: inspection of Leeds');
  });
});
