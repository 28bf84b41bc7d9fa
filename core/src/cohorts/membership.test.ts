import type { Person } from '../people/person';
import { reportingLineOf } from './membership';

const person = (id: string, managerId?: string): Person => ({
  tenantId: 't',
  id,
  displayName: id,
  title: '',
  level: '',
  function: '',
  managerId,
});

function directory(people: Person[]) {
  const byId = new Map(people.map((p) => [p.id, p]));
  return async (id: string) => byId.get(id) ?? null;
}

describe('reporting lines', () => {
  it('walks the manager chain upwards, nearest first', async () => {
    const get = directory([person('ic', 'lead'), person('lead', 'director'), person('director', 'vp'), person('vp')]);
    expect(await reportingLineOf('ic', get)).toEqual(['lead', 'director', 'vp']);
  });

  it('stops at a manager the directory does not know', async () => {
    expect(await reportingLineOf('ic', directory([person('ic', 'departed-manager')]))).toEqual(['departed-manager']);
  });

  it('stops on a cycle in bad directory data instead of looping', async () => {
    const get = directory([person('a', 'b'), person('b', 'c'), person('c', 'a')]);
    expect(await reportingLineOf('a', get)).toEqual(['b', 'c']);
  });
});
