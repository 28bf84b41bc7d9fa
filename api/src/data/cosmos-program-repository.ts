import type { Container } from '@azure/cosmos';
import { Conflict, DEFAULT_REMINDERS, SESSION_KINDS, type Program, type ProgramRepository } from '@peerloop/core';
import { cosmosStatus } from './cosmos.js';
import { updateWithEtag } from './optimistic-update.js';

const SCHEMA_VERSION = 1;
interface ProgramDoc extends Program {
  readonly type: 'program';
  readonly schemaVersion: number;
}

export class CosmosProgramRepository implements ProgramRepository {
  constructor(private readonly container: Container) {}

  async get(tenantId: string, id: string): Promise<Program | null> {
    const doc = await this.read(tenantId, id);
    return doc ? toProgram(doc) : null;
  }

  update<T>(tenantId: string, id: string, change: (current: Program) => { next: Program; result: T }): Promise<T> {
    return updateWithEtag({
      container: this.container,
      tenantId,
      id,
      read: () => this.read(tenantId, id),
      toEntity: toProgram,
      toDoc,
      change,
      what: 'program',
    });
  }

  private async read(tenantId: string, id: string): Promise<(ProgramDoc & { _etag?: string }) | null> {
    const { resource, statusCode } = await this.container.item(id, tenantId).read<ProgramDoc>();
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.type !== 'program') return null;
    return resource;
  }

  async list(tenantId: string): Promise<Program[]> {
    const { resources } = await this.container.items
      .query<ProgramDoc>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "program" ORDER BY c.name',
          parameters: [{ name: '@tenantId', value: tenantId }],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map(toProgram);
  }

  async create(program: Program): Promise<void> {
    try {
      await this.container.items.create<ProgramDoc>(toDoc(program));
    } catch (error) {
      if (cosmosStatus(error) === 409) throw new Conflict(`a program with id "${program.id}" exists`);
      throw error;
    }
  }
}

function toDoc(program: Program): ProgramDoc {
  return { ...program, type: 'program', schemaVersion: SCHEMA_VERSION };
}

function toProgram(doc: ProgramDoc): Program {
  return {
    tenantId: doc.tenantId,
    id: doc.id,
    name: doc.name,
    purpose: doc.purpose,
    codeOfConduct: doc.codeOfConduct,
    confidentiality: doc.confidentiality,
    ownerIds: doc.ownerIds,
    defaultSessionKinds: doc.defaultSessionKinds ?? [...SESSION_KINDS],
    reminderDefaults: doc.reminderDefaults ?? DEFAULT_REMINDERS,
    createdAt: doc.createdAt,
  };
}
