import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Calendar apps subscribe to a URL and cannot send a bearer token, so a cohort's feed URL carries an HMAC of
 * (tenant, cohort) under the FEED_SIGNING_KEY. Anyone holding the URL sees that cohort's session titles and
 * times (as with any published calendar); rotating the key revokes every URL.
 */
export function feedToken(key: string, tenantId: string, cohortId: string): string {
  return createHmac('sha256', key).update(`peerloop-feed:v1:${tenantId}:${cohortId}`).digest('base64url');
}

export function isValidFeedToken(key: string, tenantId: string, cohortId: string, token: string): boolean {
  const expected = Buffer.from(feedToken(key, tenantId, cohortId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
