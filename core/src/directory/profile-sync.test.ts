import { inspect } from 'node:util';
import type { Person, PersonRepository } from '../people/person';
import { ValidationFailed } from '../shared/errors';
import {
  DirectoryConsentRequired,
  DirectoryNotConfigured,
  UserAssertion,
  type Directory,
  type DirectoryManager,
  type DirectoryProfile,
} from './directory';
import { syncMyProfileFromDirectory } from './profile-sync';

// Fakes implement the ports; the Graph adapter is proven against a stand-in in tests/integration/graph.test.ts.
class FakePeople implements PersonRepository {
  constructor(readonly people: Person[]) {}
  async get(tenantId: string, id: string) {
    return this.people.find((p) => p.tenantId === tenantId && p.id === id) ?? null;
  }
  async list(tenantId: string) {
    return this.people.filter((p) => p.tenantId === tenantId);
  }
  async upsert(person: Person) {
    const index = this.people.findIndex((p) => p.tenantId === person.tenantId && p.id === person.id);
    if (index >= 0) this.people[index] = person;
    else this.people.push(person);
  }
}

class FakeDirectory implements Directory {
  constructor(
    private readonly profile: DirectoryProfile,
    private readonly manager: DirectoryManager | null | Error = null,
  ) {}
  async profileOf() {
    return this.profile;
  }
  async managerOf() {
    if (this.manager instanceof Error) throw this.manager;
    return this.manager;
  }
}

const T = 'tenant-1';
const actor = { tenantId: T, userId: 'u-sam', displayName: 'Sam (token)' };
const assertion = new UserAssertion(T, 'header.payload.signature');
const person = (id: string, fields: Partial<Person> = {}): Person => ({
  tenantId: T,
  id,
  displayName: id,
  title: '',
  level: '',
  function: '',
  ...fields,
});
const samInDirectory: DirectoryProfile = {
  id: 'u-sam',
  displayName: 'Sam Rivera',
  jobTitle: 'Systems Administrator',
  department: 'IT Operations',
  mail: 'sam@contoso.example',
  userPrincipalName: 'sam@contoso.example',
};

describe('filling my profile from Microsoft 365', () => {
  it('fills a first-time profile, manager included when PeerLoop knows them', async () => {
    const people = new FakePeople([person('u-jordan', { displayName: 'Jordan Patel' })]);
    const result = await syncMyProfileFromDirectory(
      { people, directory: new FakeDirectory(samInDirectory, { id: 'u-jordan', displayName: 'Jordan P.' }) },
      actor,
      assertion,
      {},
    );
    expect(result.profile).toMatchObject({
      displayName: 'Sam Rivera',
      title: 'Systems Administrator',
      function: 'IT Operations',
      email: 'sam@contoso.example',
      managerId: 'u-jordan',
      level: '',
    });
    expect(result.manager).toEqual({ status: 'set', managerId: 'u-jordan', displayName: 'Jordan Patel' });
    expect(result.kept).toEqual([]);
    expect(await people.get(T, 'u-sam')).toEqual(result.profile);
  });

  it('keeps what the person wrote themselves, reports the difference, and replaces only what they choose', async () => {
    const people = new FakePeople([
      person('u-sam', { displayName: 'Sam R.', title: 'Sysadmin', level: 'Associate', skillsToShare: ['Intune'] }),
    ]);
    const directory = new FakeDirectory(samInDirectory);
    const first = await syncMyProfileFromDirectory({ people, directory }, actor, assertion, {});
    expect(first.kept).toEqual([
      { field: 'displayName', yours: 'Sam R.', directory: 'Sam Rivera' },
      { field: 'title', yours: 'Sysadmin', directory: 'Systems Administrator' },
    ]);
    expect(first.updated.map((u) => u.field)).toEqual(['function', 'email']);
    expect(first.profile).toMatchObject({ title: 'Sysadmin', function: 'IT Operations', skillsToShare: ['Intune'] });

    const second = await syncMyProfileFromDirectory({ people, directory }, actor, assertion, { replace: ['title'] });
    expect(second.updated).toEqual([{ field: 'title', value: 'Systems Administrator' }]);
    expect(second.kept.map((k) => k.field)).toEqual(['displayName']);
    expect((await people.get(T, 'u-sam'))?.level).toBe('Associate');
  });

  it('leaves the manager alone when unknown to PeerLoop, a loop, or not readable for want of consent', async () => {
    const people = new FakePeople([person('u-sam'), person('u-lee', { displayName: 'Lee Kim', managerId: 'u-sam' })]);
    const sync = (manager: DirectoryManager | Error | null) =>
      syncMyProfileFromDirectory(
        { people, directory: new FakeDirectory(samInDirectory, manager) },
        actor,
        assertion,
        {},
      );

    expect((await sync({ id: 'u-ghost', displayName: 'Gale Ghost' })).manager).toEqual({
      status: 'not_in_peerloop',
      displayName: 'Gale Ghost',
    });
    expect((await sync({ id: 'u-lee' })).manager).toEqual({ status: 'would_loop', displayName: 'Lee Kim' });
    const consent = await sync(new DirectoryConsentRequired(['User.Read.All']));
    expect(consent.manager.status).toBe('consent_required');
    expect(consent.profile.title).toBe('Systems Administrator');
    expect((await sync(null)).manager).toEqual({ status: 'none' });
    expect((await people.get(T, 'u-sam'))?.managerId).toBeUndefined();
  });

  it("keeps a manager the person chose, unless they ask for the directory's", async () => {
    const people = new FakePeople([
      person('u-sam', { managerId: 'u-morgan' }),
      person('u-morgan', { displayName: 'Morgan Lee' }),
      person('u-jordan', { displayName: 'Jordan Patel' }),
    ]);
    const directory = new FakeDirectory(samInDirectory, { id: 'u-jordan' });
    const kept = await syncMyProfileFromDirectory({ people, directory }, actor, assertion, {});
    expect(kept.manager.status).toBe('kept');
    expect(kept.kept).toContainEqual({ field: 'managerId', yours: 'Morgan Lee', directory: 'Jordan Patel' });
    const replaced = await syncMyProfileFromDirectory({ people, directory }, actor, assertion, {
      replace: ['managerId'],
    });
    expect(replaced.manager.status).toBe('set');
    expect((await people.get(T, 'u-sam'))?.managerId).toBe('u-jordan');
  });

  it('refuses without Microsoft Graph, an answer about someone else, and unknown fields', async () => {
    const people = new FakePeople([]);
    await expect(syncMyProfileFromDirectory({ people, directory: null }, actor, assertion, {})).rejects.toThrow(
      DirectoryNotConfigured,
    );
    const someoneElse = new FakeDirectory({ ...samInDirectory, id: 'u-other' });
    await expect(syncMyProfileFromDirectory({ people, directory: someoneElse }, actor, assertion, {})).rejects.toThrow(
      'different person',
    );
    await expect(
      syncMyProfileFromDirectory({ people, directory: someoneElse }, actor, assertion, { replace: ['level'] }),
    ).rejects.toThrow(ValidationFailed);
    expect(people.people).toEqual([]);
  });

  it('never shows the token it carries', () => {
    expect(String(assertion)).not.toContain('signature');
    expect(JSON.stringify({ assertion })).not.toContain('signature');
    expect(inspect({ assertion }, { showHidden: true, depth: 5 })).not.toContain('signature');
    expect(assertion.reveal()).toBe('header.payload.signature');
  });
});
