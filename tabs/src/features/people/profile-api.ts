import type { Person } from '@peerloop/core';
import type { ApiClient } from '../../platform/api-client';
import type { ProfilePatch } from './profile-form';

/** The reader's own profile. */
export function getMyProfile(api: ApiClient): Promise<Person> {
  return api.get<Person>('/me/profile');
}

/** Saves changes to the reader's profile; rejects with field errors (e.g. a manager that makes a loop). */
export function updateMyProfile(api: ApiClient, patch: ProfilePatch): Promise<Person> {
  return api.patch<Person>('/me/profile', patch);
}
