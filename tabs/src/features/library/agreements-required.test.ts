import { ApiError } from '../../platform/api-client';
import { cohortNamedIn, needsAgreements } from './agreements-required';

const refusal = (name: string) =>
  new ApiError('agreements_required', `accept the code of conduct and confidentiality terms of "${name}" first`, 403);
const cohorts = [
  { id: 'c-1', name: 'New managers circle' },
  { id: 'c-2', name: 'The "Quoted" circle' },
  { id: 'c-1', name: 'New managers circle' },
];

describe('a refusal for want of agreements', () => {
  it('is told apart from other refusals', () => {
    expect(needsAgreements(refusal('x'))).toBe(true);
    expect(needsAgreements(new ApiError('forbidden', 'no', 403))).toBe(false);
    expect(needsAgreements(new Error('agreements_required'))).toBe(false);
  });

  it('names the reader’s cohort, quotes in its name included, once even if listed twice', () => {
    expect(cohortNamedIn(refusal('New managers circle'), cohorts)?.id).toBe('c-1');
    expect(cohortNamedIn(refusal('The "Quoted" circle'), cohorts)?.id).toBe('c-2');
  });

  it('takes the cohort the API names by id, whatever the message says', () => {
    const byId = new ApiError('agreements_required', 'accept them first', 403, [], [], null, 'c-2');
    expect(cohortNamedIn(byId, cohorts)?.name).toBe('The "Quoted" circle');
    const twins = [
      { id: 'c-1', name: 'Twins' },
      { id: 'c-2', name: 'Twins' },
    ];
    expect(cohortNamedIn(new ApiError('agreements_required', '"Twins"', 403, [], [], null, 'c-2'), twins)?.id).toBe(
      'c-2',
    );
  });

  it('names no cohort the reader does not know, or two of the same name', () => {
    expect(cohortNamedIn(refusal('Elsewhere'), cohorts)).toBeUndefined();
    expect(cohortNamedIn(new ApiError('agreements_required', 'accept the agreements first', 403), cohorts)).toBe(
      undefined,
    );
    const twins = [
      { id: 'c-1', name: 'Twins' },
      { id: 'c-2', name: 'Twins' },
    ];
    expect(cohortNamedIn(refusal('Twins'), twins)).toBeUndefined();
  });
});
