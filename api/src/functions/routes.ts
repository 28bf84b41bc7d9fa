import type { RouteDefinition } from '../http/route.js';
import { botMessages } from './bot-messages.js';
import { calendarFeed, cohortCalendarFeed } from './calendar-feed.js';
import {
  cohortAgreementsPost,
  cohortChannelPut,
  cohortGet,
  cohortInvitationsPost,
  cohortMemberLeave,
  cohortMembersPost,
  cohortPatch,
} from './cohort-membership.js';
import { cohortsList } from './cohorts-list.js';
import { programCohortSuggestions, programGet, programPatch, programsPost } from './programs.js';
import { cohortsPost } from './cohorts-post.js';
import { devPersonas } from './dev-personas.js';
import { directoryRoutes } from './directory.js';
import { health } from './health.js';
import { meGet, myProfileGet, myProfilePatch } from './me-get.js';
import { peopleList } from './people-list.js';
import { programsList } from './programs-list.js';
import { qnaRoutes } from './qna.js';
import { reminderRoutes } from './reminders.js';
import { libraryRoutes } from './library.js';
import {
  sessionAttendance,
  sessionCancel,
  sessionCheckIn,
  sessionGet,
  sessionIcsGet,
  sessionMeetingPut,
  meetingSessionGet,
  sessionPatch,
  sessionRsvp,
  sessionsList,
  sessionsPost,
} from './sessions.js';

/** Every HTTP function of the app, in one list for the Functions host and the local host alike. */
export const routes: readonly RouteDefinition[] = [
  health,
  meGet,
  myProfileGet,
  myProfilePatch,
  programsList,
  peopleList,
  cohortsList,
  cohortsPost,
  cohortGet,
  cohortPatch,
  cohortMembersPost,
  cohortMemberLeave,
  cohortAgreementsPost,
  cohortInvitationsPost,
  cohortChannelPut,
  programGet,
  programsPost,
  programPatch,
  programCohortSuggestions,
  sessionsList,
  sessionsPost,
  sessionGet,
  sessionPatch,
  sessionRsvp,
  sessionCheckIn,
  sessionAttendance,
  sessionCancel,
  sessionIcsGet,
  sessionMeetingPut,
  meetingSessionGet,
  ...directoryRoutes,
  ...qnaRoutes,
  ...reminderRoutes,
  ...libraryRoutes,
  cohortCalendarFeed,
  calendarFeed,
  devPersonas,
  botMessages,
];
