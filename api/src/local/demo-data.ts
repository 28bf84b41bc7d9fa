import {
  Conflict,
  newLibraryItem,
  newSession,
  type Cohort,
  type LibraryItem,
  type Person,
  type Question,
  type Program,
  type Session,
  type SessionKind,
} from '@peerloop/core';
import type { Runtime } from '../composition.js';

/** The dev tenant's people. Their ids double as the persona picker's identities. */
export function demoPeople(tenantId: string): Person[] {
  const person = (
    id: string,
    displayName: string,
    title: string,
    level: string,
    fn: string,
    years: number,
    managerId?: string,
  ): Person => ({
    tenantId,
    id,
    displayName,
    email: `${displayName.split(' ')[0]!.toLowerCase()}@contoso.example`,
    title,
    level,
    function: fn,
    yearsOfExperience: years,
    managerId,
  });
  return [
    person('avery-chen', 'Avery Chen', 'Learning & Development Lead', 'Director', 'People & Culture', 14),
    person('morgan-lee', 'Morgan Lee', 'Director of IT Operations', 'Director', 'IT Operations', 18),
    person('jordan-patel', 'Jordan Patel', 'Senior Systems Administrator', 'Senior', 'IT Operations', 9, 'morgan-lee'),
    person('sam-rivera', 'Sam Rivera', 'Systems Administrator', 'Associate', 'IT Operations', 1, 'jordan-patel'),
    person('lee-kim', 'Lee Kim', 'Junior Systems Administrator', 'Associate', 'IT Operations', 0, 'jordan-patel'),
    person('priya-nair', 'Priya Nair', 'Cloud Engineer', 'Mid', 'Platform Engineering', 5, 'morgan-lee'),
    person('diego-alvarez', 'Diego Alvarez', 'Senior Security Analyst', 'Senior', 'Security', 11),
    person('hana-suzuki', 'Hana Suzuki', 'Service Desk Engineer', 'Associate', 'Service Desk', 2),
    person('fatima-okafor', 'Fatima Okafor', 'Program Manager', 'Senior', 'PMO', 8),
  ];
}

export const DEMO_PROGRAM_ID = 'admin-community';

function demoProgram(tenantId: string, now: Date): Program {
  return {
    tenantId,
    id: DEMO_PROGRAM_ID,
    name: 'Admin Community',
    purpose: 'Administrators across IT learn from each other: onboarding peers, senior roundtables and project guilds.',
    codeOfConduct: {
      version: 1,
      text: 'Be curious and kind. Speak from your own experience. Share the airtime. Challenge ideas, not people.',
    },
    confidentiality: {
      version: 1,
      text: 'What is said in a cohort stays in the cohort. Share lessons, never names or stories, outside it.',
    },
    ownerIds: ['avery-chen'],
    createdAt: now.toISOString(),
  };
}

function demoCohorts(tenantId: string, people: Person[], now: Date): Cohort[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const reportingLine = (id: string) => {
    const line: string[] = [];
    for (
      let manager = byId.get(id)?.managerId;
      manager && !line.includes(manager);
      manager = byId.get(manager)?.managerId
    ) {
      line.push(manager);
    }
    return line;
  };
  // The program's first agreement versions; Sam and Hana have not accepted yet, so the gate is visible.
  const accepted = { codeOfConductVersion: 1, confidentialityVersion: 1, acceptedAt: now.toISOString() };
  const member = (id: string, role: 'facilitator' | 'member') => ({
    userId: id,
    displayName: byId.get(id)!.displayName,
    role,
    joinedAt: now.toISOString(),
    reportingLine: reportingLine(id),
    ...(id === 'sam-rivera' || id === 'hana-suzuki' ? {} : { agreements: accepted }),
  });
  const cohort = (
    id: string,
    fields: Omit<Cohort, 'tenantId' | 'id' | 'programId' | 'createdBy' | 'createdAt' | 'status'>,
  ): Cohort => ({
    tenantId,
    id,
    programId: DEMO_PROGRAM_ID,
    status: 'active',
    createdBy: 'avery-chen',
    createdAt: now.toISOString(),
    ...fields,
  });
  return [
    cohort('new-admins-circle', {
      name: 'New Admins Circle',
      purpose: 'First-year administrators compare notes on the tools, tickets and habits that make the job work.',
      kind: 'onboarding-cohort',
      commonThreads: { level: 'Associate', function: 'IT Operations', experience: '0-2 years' },
      capacity: 10,
      joinPolicy: 'invitation',
      members: [
        member('fatima-okafor', 'facilitator'),
        member('sam-rivera', 'member'),
        member('lee-kim', 'member'),
        member('hana-suzuki', 'member'),
      ],
    }),
    cohort('senior-admins-roundtable', {
      name: 'Senior Admins Roundtable',
      purpose: 'Senior administrators work through hard operational problems together, one case per session.',
      kind: 'peer-learning-group',
      commonThreads: { level: 'Senior', title: 'Administrator / Analyst' },
      capacity: 8,
      joinPolicy: 'owner',
      members: [
        member('hana-suzuki', 'facilitator'),
        member('jordan-patel', 'member'),
        member('diego-alvarez', 'member'),
      ],
    }),
    cohort('cloud-migration-guild', {
      name: 'Cloud Migration Guild',
      joinPolicy: 'open',
      purpose: 'People on the cloud migration share what they tried, what broke and what they would do again.',
      kind: 'post-training-cohort',
      commonThreads: { project: 'Cloud migration', function: 'Platform Engineering' },
      members: [
        member('fatima-okafor', 'facilitator'),
        member('priya-nair', 'member'),
        member('diego-alvarez', 'member'),
        member('sam-rivera', 'member'),
      ],
    }),
  ];
}

function demoSessions(tenantId: string, now: Date): Session[] {
  const day = 24 * 60 * 60 * 1000;
  const session = (
    id: string,
    cohortId: string,
    kind: SessionKind,
    title: string,
    start: { daysAhead: number; hourUtc: number },
    extra: Partial<Session> = {},
  ): Session => {
    const startsAt = new Date(now.getTime() + start.daysAhead * day);
    startsAt.setUTCHours(start.hourUtc, 0, 0, 0);
    return newSession({
      tenantId,
      id,
      cohortId,
      programId: DEMO_PROGRAM_ID,
      kind,
      title,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000).toISOString(),
      timeZone: 'Europe/London',
      createdBy: 'fatima-okafor',
      createdAt: now.toISOString(),
      ...extra,
    });
  };
  return [
    session(
      'lunch-powershell',
      'new-admins-circle',
      'learning-lunch',
      'Learning lunch: PowerShell habits that save an hour a week',
      { daysAhead: 2, hourUtc: 12 },
      {
        topic: 'Automating the boring parts of the week',
        presenters: [{ userId: 'jordan-patel', displayName: 'Jordan Patel' }],
        capacity: 12,
        location: 'Room 4.12 and Teams',
        details: { catering: 'bring-your-own' },
      },
    ),
    session('reflection-first-month', 'new-admins-circle', 'reflection', 'Reflection: my first month on call', {
      daysAhead: 9,
      hourUtc: 15,
    }),
    session(
      'fireside-incident',
      'senior-admins-roundtable',
      'fireside-chat',
      'Fireside chat: the outage that taught us the most',
      { daysAhead: 4, hourUtc: 16 },
      { details: { guest: 'Morgan Lee', qnaEnabled: true } },
    ),
    session(
      'bookclub-sre',
      'cloud-migration-guild',
      'book-club',
      'Book club: Site Reliability Engineering, chapters 1-3',
      { daysAhead: 6, hourUtc: 13 },
      { details: { book: 'Site Reliability Engineering', chapters: '1-3' } },
    ),
  ];
}

/**
 * Seeds the demo tenant once: everything is created only if absent, so a restart (or a second start)
 * never overwrites what people changed locally.
 */
export async function seedDemoData(runtime: Runtime, tenantId: string): Promise<{ created: number }> {
  const now = runtime.clock.now();
  const people = demoPeople(tenantId);
  let created = 0;
  const ifAbsent = async (write: () => Promise<void>) => {
    try {
      await write();
      created += 1;
    } catch (error) {
      if (!(error instanceof Conflict) && (error as { code?: number }).code !== 409) throw error;
    }
  };
  for (const person of people) {
    if (!(await runtime.people.get(tenantId, person.id))) {
      await runtime.people.upsert(person);
      created += 1;
    }
  }
  await ifAbsent(() => runtime.programs.create(demoProgram(tenantId, now)));
  for (const cohort of demoCohorts(tenantId, people, now)) await ifAbsent(() => runtime.cohorts.create(cohort));
  for (const session of demoSessions(tenantId, now)) await ifAbsent(() => runtime.sessions.create(session));
  for (const question of demoQuestions(runtime, tenantId, now))
    await ifAbsent(() => runtime.questions.create(question));
  for (const item of demoLibrary(runtime, tenantId, now)) await ifAbsent(() => runtime.library.create(item));
  return { created };
}

/** A few things colleagues shared: slides, a recording, a tip list, a book note, one for a cohort only. */
function demoLibrary(runtime: Runtime, tenantId: string, now: Date): LibraryItem[] {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  const people = new Map(demoPeople(tenantId).map((p) => [p.id, p.displayName]));
  const item = (
    id: string,
    authorId: string,
    content: Pick<LibraryItem, 'kind' | 'title' | 'summary' | 'tags' | 'skills'> & Partial<LibraryItem>,
    ratings: Record<string, number>,
    daysAgo: number,
  ): LibraryItem => {
    const values = Object.values(ratings);
    const ratingSum = values.reduce((a, b) => a + b, 0);
    return newLibraryItem({
      tenantId,
      id,
      programId: DEMO_PROGRAM_ID,
      author: { userId: authorId, displayName: people.get(authorId)! },
      ratings: Object.fromEntries(
        Object.entries(ratings).map(([u, stars]) => [runtime.authorKeys.keyFor(tenantId, u), stars]),
      ),
      ratingCount: values.length,
      ratingSum,
      ratingAverage: values.length ? ratingSum / values.length : 0,
      views: values.length * 2 + 1,
      viewers: values.length + 1,
      completions: Math.max(0, values.length - 1),
      bookmarks: 1,
      createdAt: at(daysAgo),
      ...content,
    });
  };
  return [
    item(
      'demo-item-powershell-slides',
      'jordan-patel',
      {
        kind: 'presentation',
        title: 'PowerShell for everyday admin work',
        summary: 'The slides from the learning lunch: ten scripts that save an hour a week each.',
        url: 'https://contoso.sharepoint.com/sites/admins/Shared%20Documents/powershell-everyday.pptx',
        tags: ['powershell', 'automation'],
        skills: ['powershell', 'scripting'],
        sessionId: 'lunch-powershell',
      },
      { 'sam-rivera': 5, 'lee-kim': 4, 'hana-suzuki': 5 },
      12,
    ),
    item(
      'demo-item-incident-recording',
      'hana-suzuki',
      {
        kind: 'recording',
        title: 'Fireside chat recording: the identity outage',
        summary: 'How the team found the cause, and what the post-mortem changed.',
        url: 'https://contoso.sharepoint.com/sites/admins/Recordings/identity-outage.mp4',
        tags: ['incident', 'post-mortem'],
        skills: ['incident response'],
      },
      { 'jordan-patel': 4 },
      5,
    ),
    item(
      'demo-item-ticket-tips',
      'lee-kim',
      {
        kind: 'tip-list',
        title: 'Tips for your first month on the service desk',
        summary: 'What I wish someone had told me in week one.',
        body: '- **Write it down**: every fix you make goes in the knowledge base.\n- Ask before you reboot a server.\n- Read [the escalation guide](https://contoso.sharepoint.com/sites/admins/escalation) once a week.',
        tags: ['onboarding', 'service desk'],
        skills: ['ticketing'],
      },
      { 'sam-rivera': 5, 'fatima-okafor': 4 },
      3,
    ),
    item(
      'demo-item-sre-notes',
      'diego-alvarez',
      {
        kind: 'book-note',
        title: 'Notes on Site Reliability Engineering, chapters 1-3',
        summary: 'Error budgets, toil and why hope is not a strategy.',
        body: '## Error budgets\nAgree on how unreliable a service may be, then spend it on change.\n\n## Toil\nManual, repetitive and automatable work: measure it before you fight it.',
        tags: ['sre', 'book club'],
        skills: ['reliability'],
        cohortId: 'cloud-migration-guild',
      },
      { 'priya-nair': 4 },
      1,
    ),
    item(
      'demo-item-escalation-checklist',
      'jordan-patel',
      {
        kind: 'document',
        title: 'Escalation checklist for senior admins',
        summary: 'When to wake someone up, and who.',
        url: 'https://contoso.sharepoint.com/sites/admins/Shared%20Documents/escalation-checklist.docx',
        tags: ['incident', 'on-call'],
        skills: ['incident response'],
        cohortId: 'senior-admins-roundtable',
      },
      {},
      2,
    ),
  ];
}

/** A few questions in the fireside chat's queue: named, anonymous, and one answered in writing. */
function demoQuestions(runtime: Runtime, tenantId: string, now: Date): Question[] {
  const key = (userId: string) => runtime.authorKeys.keyFor(tenantId, userId);
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const question = (
    id: string,
    text: string,
    asker: { userId: string; displayName: string } | 'anonymous',
    voters: string[],
    extra: Partial<Question> = {},
  ): Question => ({
    tenantId,
    sessionId: 'fireside-incident',
    id,
    cohortId: 'senior-admins-roundtable',
    programId: DEMO_PROGRAM_ID,
    text,
    anonymous: asker === 'anonymous',
    ...(asker === 'anonymous' ? {} : { author: asker }),
    authorKey: key(asker === 'anonymous' ? 'diego-alvarez' : asker.userId),
    state: 'open',
    votes: voters.length,
    voters: Object.fromEntries(voters.map((v) => [key(v), at(5)])),
    source: 'panel',
    createdAt: at(30 - voters.length),
    updatedAt: at(5),
    revision: 1 + voters.length,
    ...extra,
  });
  return [
    question(
      'demo-question-postmortem',
      'How did you keep the post-mortem blameless when the cause was a single change?',
      { userId: 'jordan-patel', displayName: 'Jordan Patel' },
      ['diego-alvarez', 'hana-suzuki'],
    ),
    question(
      'demo-question-disagree',
      'Is it safe to disagree with the on-call lead during an incident?',
      'anonymous',
      ['jordan-patel'],
    ),
    question(
      'demo-question-runbook',
      'Which runbook would you write first?',
      { userId: 'jordan-patel', displayName: 'Jordan Patel' },
      [],
      {
        state: 'answered',
        answer: {
          text: 'Failover of the identity tier: it is the one nobody remembers.',
          answeredBy: 'Hana Suzuki',
          at: at(2),
        },
      },
    ),
  ];
}
