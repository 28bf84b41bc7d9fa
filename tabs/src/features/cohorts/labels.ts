import type { CohortKind, CohortStatus, CommonThreads, SessionKind } from '@peerloop/core';

/** Display names of cohort kinds, in the order the form offers them. */
export const COHORT_KIND_LABELS: Record<CohortKind, string> = {
  'peer-learning-group': 'Peer learning group',
  'book-club': 'Book club',
  'onboarding-cohort': 'Onboarding cohort',
  'post-training-cohort': 'Post-training cohort',
  'mentoring-circle': 'Mentoring circle',
  'learning-lunch-series': 'Learning lunch series',
};

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  'learning-lunch': 'Learning lunch',
  'fireside-chat': 'Fireside chat',
  'book-club': 'Book club',
  workshop: 'Workshop',
  networking: 'Networking',
  reflection: 'Reflection',
};

export const STATUS_LABELS: Record<CohortStatus, string> = {
  forming: 'Forming',
  active: 'Active',
  closed: 'Closed',
};

export type ThreadName = keyof CommonThreads;

/** The five common threads a cohort is formed around, in display order, with their labels. */
export const THREAD_LABELS: Record<ThreadName, string> = {
  title: 'Title',
  level: 'Level',
  function: 'Function',
  experience: 'Experience',
  project: 'Project',
};

export const THREAD_NAMES = Object.keys(THREAD_LABELS) as ThreadName[];
