export * from './directory.js';
export * from './profile-sync.js';
export * from './teams-meeting.js';
