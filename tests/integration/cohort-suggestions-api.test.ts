import type { LocalStack } from '../../api/src/local/stack';
import { api, startTestStack } from '../support/stack';

describe('cohort suggestions for a program', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const suggest = (body: Record<string, unknown>, token = 'dev:avery-chen') =>
    api(stack, '/api/programs/admin-community/cohort-suggestions', { method: 'POST', token, body });

  it('groups the demo organisation by function, placing everyone and keeping reporting lines apart', async () => {
    const { status, body } = await suggest({ thread: 'function', size: 3 });
    expect(status).toBe(200);
    const placed = body.cohorts.flatMap((c: { memberIds: string[] }) => c.memberIds);
    const unplaced = body.unplaced.map((u: { personId: string }) => u.personId);
    expect([...placed, ...unplaced].sort()).toEqual(
      [
        'avery-chen',
        'diego-alvarez',
        'fatima-okafor',
        'hana-suzuki',
        'jordan-patel',
        'lee-kim',
        'morgan-lee',
        'priya-nair',
        'sam-rivera',
      ].sort(),
    );
    expect(new Set(placed).size).toBe(placed.length);
    // Morgan manages Jordan, who manages Sam and Lee: none of them may share a cohort.
    for (const cohort of body.cohorts as { memberIds: string[]; explanation: string }[]) {
      const chain = cohort.memberIds.filter((id) =>
        ['morgan-lee', 'jordan-patel', 'sam-rivera', 'lee-kim'].includes(id),
      );
      const conflict = chain.includes('jordan-patel') && chain.some((id) => id !== 'jordan-patel');
      expect(conflict || (chain.includes('morgan-lee') && chain.length > 1)).toBe(false);
      expect(cohort.explanation).toMatch(/function/);
    }
    expect(body.names['sam-rivera']).toBe('Sam Rivera');
  });

  it('is for program owners only, and names bad options', async () => {
    expect((await suggest({ thread: 'level', size: 3 }, 'dev:sam-rivera')).status).toBe(403);
    const bad = await suggest({ thread: 'shoe-size', size: 100 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['size', 'thread']);
    expect((await suggest({ thread: 'level', size: 3, personIds: ['ghost'] })).body.error.fields[0].path).toBe(
      'personIds.0',
    );
  });
});
