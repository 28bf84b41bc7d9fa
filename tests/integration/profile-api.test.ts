import type { LocalStack } from '../../api/src/local/stack';
import { api, startTestStack } from '../support/stack';

describe('my profile', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const patch = (token: string, body: Record<string, unknown>) =>
    api(stack, '/api/me/profile', { method: 'PATCH', token, body });

  it('shows the seeded profile and saves changes to skills, experience and time zone', async () => {
    const before = await api(stack, '/api/me/profile', { token: 'dev:lee-kim' });
    expect(before.body).toMatchObject({
      exists: true,
      title: 'Junior Systems Administrator',
      managerId: 'jordan-patel',
    });
    const saved = await patch('dev:lee-kim', {
      skillsToShare: ['Intune', 'Intune', 'Shell scripting'],
      skillsToLearn: ['Azure networking'],
      yearsOfExperience: 1,
      timeZone: 'Europe/Dublin',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      skillsToShare: ['Intune', 'Shell scripting'],
      timeZone: 'Europe/Dublin',
      title: 'Junior Systems Administrator',
    });
    expect((await api(stack, '/api/me/profile', { token: 'dev:lee-kim' })).body.skillsToLearn).toEqual([
      'Azure networking',
    ]);
  });

  it('creates a profile for someone signing in for the first time', async () => {
    expect((await api(stack, '/api/me/profile', { token: 'dev:new-hire-1' })).body.exists).toBe(false);
    const saved = await patch('dev:new-hire-1', {
      displayName: 'Noor New',
      title: 'Administrator',
      level: 'Associate',
      function: 'IT Operations',
      managerId: 'jordan-patel',
    });
    expect(saved.status).toBe(200);
    const people = await api(stack, '/api/people', { token: 'dev:avery-chen' });
    expect(people.body.items.map((p: { displayName: string }) => p.displayName)).toContain('Noor New');
  });

  it('refuses a manager who would loop the reporting line, an unknown one, and bad values, naming the field', async () => {
    // Morgan manages Jordan, who manages Sam: Morgan cannot report to Sam.
    const loop = await patch('dev:morgan-lee', { managerId: 'sam-rivera' });
    expect(loop.status).toBe(400);
    expect(loop.body.error.fields).toEqual([{ path: 'managerId', message: 'would make a loop in the reporting line' }]);
    expect((await patch('dev:morgan-lee', { managerId: 'ghost' })).body.error.fields[0].path).toBe('managerId');
    expect((await patch('dev:morgan-lee', { timeZone: 'Atlantis/Capital' })).body.error.fields[0].path).toBe(
      'timeZone',
    );
    expect(
      (await patch('dev:morgan-lee', { skillsToShare: Array.from({ length: 21 }, (_, i) => `s${i}`) })).body.error
        .fields[0].path,
    ).toBe('skillsToShare');
    expect((await api(stack, '/api/me/profile', { token: 'dev:morgan-lee' })).body.managerId).toBeUndefined();
  });
});
