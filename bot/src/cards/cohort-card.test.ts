import type { CohortSummary } from '@peerloop/core';
import { cohortCard } from './cohort-card';

const cohort: CohortSummary = {
  id: 'c1',
  programId: 'p1',
  name: '[Click me](https://evil.example) **now**',
  purpose: '<script>alert(1)</script>',
  kind: 'book-club',
  commonThreads: { level: 'Senior' },
  status: 'active',
  facilitators: [{ userId: 'u1', displayName: 'Fran' }],
  memberCount: 5,
  nextSession: { id: 's1', title: 'Chapter 1', kind: 'book-club', startsAt: '2026-12-01T12:30:00.000Z' },
};

describe('cohort cards', () => {
  it('carry user-written text only in TextRuns, which Teams shows literally (no markdown, no links)', () => {
    const card = JSON.stringify(cohortCard(cohort));
    const textBlocks = [...card.matchAll(/"type":"TextBlock","text":"([^"]*)"/g)].map((m) => m[1]);
    for (const text of textBlocks) {
      expect(text).not.toContain('evil.example');
      expect(text).not.toContain('<script>');
    }
    expect(card).toContain('"type":"TextRun","text":"[Click me](https://evil.example) **now**"');
  });

  it("show the next session in the reader's own time zone via the card's date functions", () => {
    expect(JSON.stringify(cohortCard(cohort))).toContain(
      '{{DATE(2026-12-01T12:30:00Z, SHORT)}} {{TIME(2026-12-01T12:30:00Z)}}',
    );
  });

  it('state who facilitates and how many take part', () => {
    expect(JSON.stringify(cohortCard(cohort))).toContain('Facilitator: Fran · 5 members');
  });
});
