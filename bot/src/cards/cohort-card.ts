import type { CohortSummary } from '@peerloop/core';
import { literalText, localDateTime } from './text.js';

const KIND_LABELS: Record<CohortSummary['kind'], string> = {
  'peer-learning-group': 'Peer learning group',
  'book-club': 'Book club',
  'onboarding-cohort': 'Onboarding cohort',
  'post-training-cohort': 'Post-training cohort',
  'mentoring-circle': 'Mentoring circle',
  'learning-lunch-series': 'Learning lunch series',
};

export function kindLabel(kind: CohortSummary['kind']): string {
  return KIND_LABELS[kind];
}

/** The lines a card shows for one cohort: name, purpose, who facilitates, how many, what's next. */
function cohortBody(cohort: CohortSummary): object[] {
  const threads = Object.values(cohort.commonThreads).filter(Boolean).join(' · ');
  const facilitators = cohort.facilitators.map((f) => f.displayName).join(', ') || 'No facilitator yet';
  return [
    literalText(cohort.name, { weight: 'Bolder', size: 'Medium' }),
    literalText(cohort.purpose),
    literalText(`${kindLabel(cohort.kind)}${threads ? ` · ${threads}` : ''}`, { subtle: true }),
    literalText(`Facilitator: ${facilitators} · ${cohort.memberCount} members`, { subtle: true }),
    cohort.nextSession
      ? {
          type: 'ColumnSet',
          columns: [
            {
              type: 'Column',
              width: 'auto',
              items: [{ type: 'TextBlock', text: 'Next:', isSubtle: true, wrap: true }],
            },
            {
              type: 'Column',
              width: 'stretch',
              items: [
                literalText(cohort.nextSession.title),
                {
                  type: 'TextBlock',
                  text: localDateTime(cohort.nextSession.startsAt),
                  isSubtle: true,
                  wrap: true,
                  spacing: 'None',
                },
              ],
            },
          ],
        }
      : { type: 'TextBlock', text: 'No upcoming session', isSubtle: true, wrap: true },
  ];
}

function adaptiveCard(body: object[]) {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
  };
}

/** One cohort, as the messaging extension inserts it into a conversation. */
export function cohortCard(cohort: CohortSummary) {
  return adaptiveCard(cohortBody(cohort));
}

/** Several cohorts in one card, as the bot answers "cohorts". */
export function cohortListCard(cohorts: readonly CohortSummary[], heading: string) {
  const body: object[] = [{ type: 'TextBlock', text: heading, weight: 'Bolder', size: 'Large', wrap: true }];
  if (cohorts.length === 0) {
    body.push({ type: 'TextBlock', text: 'There are no cohorts yet.', wrap: true });
  }
  for (const cohort of cohorts) {
    body.push({ type: 'Container', separator: true, spacing: 'Medium', items: cohortBody(cohort) });
  }
  return adaptiveCard(body);
}
