import type { Container } from '@azure/cosmos';
import type { Person, PersonRepository } from '@peerloop/core';

const SCHEMA_VERSION = 1;
interface PersonDoc extends Person {
  readonly type: 'person';
  readonly schemaVersion: number;
}

export class CosmosPersonRepository implements PersonRepository {
  constructor(private readonly container: Container) {}

  async get(tenantId: string, id: string): Promise<Person | null> {
    const { resource, statusCode } = await this.container.item(id, tenantId).read<PersonDoc>();
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId) return null;
    return toPerson(resource);
  }

  async list(tenantId: string): Promise<Person[]> {
    const { resources } = await this.container.items
      .query<PersonDoc>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "person" ORDER BY c.displayName',
          parameters: [{ name: '@tenantId', value: tenantId }],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map(toPerson);
  }

  async upsert(person: Person): Promise<void> {
    await this.container.items.upsert<PersonDoc>({ ...person, type: 'person', schemaVersion: SCHEMA_VERSION });
  }
}

function toPerson(doc: PersonDoc): Person {
  return {
    tenantId: doc.tenantId,
    id: doc.id,
    displayName: doc.displayName,
    email: doc.email,
    title: doc.title,
    level: doc.level,
    function: doc.function,
    yearsOfExperience: doc.yearsOfExperience,
    managerId: doc.managerId,
    skillsToShare: doc.skillsToShare ?? [],
    skillsToLearn: doc.skillsToLearn ?? [],
    timeZone: doc.timeZone,
  };
}
