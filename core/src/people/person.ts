/** A person's profile in one tenant: the common threads cohorts are formed around. */
export interface Person {
  readonly tenantId: string;
  /** Entra object id. */
  readonly id: string;
  readonly displayName: string;
  readonly email?: string;
  readonly title: string;
  readonly level: string;
  readonly function: string;
  readonly yearsOfExperience?: number;
  /** Entra object id of the person's manager: the reporting line. */
  readonly managerId?: string;
  readonly skillsToShare?: readonly string[];
  readonly skillsToLearn?: readonly string[];
  /** IANA zone for reminders and display. */
  readonly timeZone?: string;
}

export interface PersonRepository {
  get(tenantId: string, id: string): Promise<Person | null>;
  list(tenantId: string): Promise<Person[]>;
  upsert(person: Person): Promise<void>;
}
