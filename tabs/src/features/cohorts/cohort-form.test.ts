import { emptyCohortForm, toCreateCohortInput, toFormErrors } from './cohort-form';

describe('new cohort form values', () => {
  it('sends only the common threads that were filled in, and capacity as a number', () => {
    const values = {
      ...emptyCohortForm('p-eng'),
      name: 'Finance peers',
      level: ' Senior ',
      project: '',
      capacity: '12',
    };
    expect(toCreateCohortInput(values)).toMatchObject({
      programId: 'p-eng',
      name: 'Finance peers',
      commonThreads: { level: 'Senior' },
      capacity: 12,
    });
    expect(toCreateCohortInput({ ...values, capacity: '' })).not.toHaveProperty('capacity');
  });

  it('rejects a capacity that is not a whole number before calling the API', () => {
    expect(toCreateCohortInput({ ...emptyCohortForm('p-eng'), capacity: '2.5' })).toEqual({
      byField: { capacity: 'must be a whole number' },
      other: [],
    });
  });

  it('places API field paths on form fields and keeps the rest aside', () => {
    expect(
      toFormErrors([
        { path: 'name', message: 'must be at least 3 characters' },
        { path: 'commonThreads.level', message: 'must not be empty' },
        { path: 'facilitatorId', message: 'is required' },
        { path: 'members', message: 'is not allowed' },
      ]),
    ).toEqual({
      byField: { name: 'must be at least 3 characters', level: 'must not be empty', facilitatorId: 'is required' },
      other: ['members is not allowed'],
    });
  });
});
