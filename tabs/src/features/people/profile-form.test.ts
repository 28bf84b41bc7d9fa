import { toProfileErrors, toProfilePatch, toProfileValues } from './profile-form';

const stored = toProfileValues({
  tenantId: 't',
  id: 'u-sam',
  displayName: 'Sam Rivera',
  title: 'Systems Administrator',
  level: 'Associate',
  function: 'IT Operations',
  yearsOfExperience: 1,
  managerId: 'u-jordan',
  skillsToShare: ['PowerShell'],
});

describe('"My profile" form values', () => {
  it('sends only what changed: skills as lists, years as a number, no manager as null', () => {
    const result = toProfilePatch(stored, {
      ...stored,
      skillsToShare: 'PowerShell , ',
      skillsToLearn: 'Intune, Azure ,',
      yearsOfExperience: '2',
      managerId: '',
    });
    expect(result).toEqual({ patch: { yearsOfExperience: 2, skillsToLearn: ['Intune', 'Azure'], managerId: null } });
    expect(toProfilePatch(stored, stored)).toEqual({ patch: {} });
  });

  it('rejects years of experience that are not a whole number before calling the API', () => {
    expect(toProfilePatch(stored, { ...stored, yearsOfExperience: '1.5' })).toEqual({
      errors: { yearsOfExperience: 'must be a whole number' },
    });
  });

  it('places API field errors on their fields, list items on their list, and keeps the rest aside', () => {
    expect(
      toProfileErrors([
        { path: 'managerId', message: 'would make a loop in the reporting line' },
        { path: 'skillsToLearn.1', message: 'must be at most 50 characters' },
        { path: '', message: 'nothing to change' },
      ]),
    ).toEqual({
      byField: { managerId: 'would make a loop in the reporting line', skillsToLearn: 'must be at most 50 characters' },
      other: ['nothing to change'],
    });
  });
});
