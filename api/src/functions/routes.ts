import type { RouteDefinition } from '../http/route.js';
import { botMessages } from './bot-messages.js';
import { cohortsList } from './cohorts-list.js';
import { cohortsPost } from './cohorts-post.js';
import { devPersonas } from './dev-personas.js';
import { health } from './health.js';
import { meGet } from './me-get.js';
import { peopleList } from './people-list.js';
import { programsList } from './programs-list.js';
import {
  sessionAttendance,
  sessionCancel,
  sessionCheckIn,
  sessionGet,
  sessionIcsGet,
  sessionRsvp,
  sessionsList,
  sessionsPost,
} from './sessions.js';

/** Every HTTP function of the app, in one list for the Functions host and the local host alike. */
export const routes: readonly RouteDefinition[] = [
  health,
  meGet,
  programsList,
  peopleList,
  cohortsList,
  cohortsPost,
  sessionsList,
  sessionsPost,
  sessionGet,
  sessionRsvp,
  sessionCheckIn,
  sessionAttendance,
  sessionCancel,
  sessionIcsGet,
  devPersonas,
  botMessages,
];
