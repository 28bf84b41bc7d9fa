/**
 * Deterministic delivery ids: what, which occurrence, to whom. The same plan always yields the same ids, so
 * creating them again (a retried tick, a second dispatcher, a crash half-way through) stores nothing new.
 *
 * Parts are escaped so that no id contains a character Cosmos DB refuses in ids (/ \ ? #) and so that the
 * escaping is reversible: two different inputs never produce the same id.
 */
export function idPart(value: string): string {
  return value.replace(/[%/\\?#\s]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function join(...parts: readonly string[]): string {
  return parts.map(idPart).join('.');
}

/** A session start as a compact UTC minute, e.g. 20261201T1200Z: a moved session gets new reminder ids. */
export function startStamp(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace(/[-:]/g, '') + 'Z';
}

export const DeliveryIds = {
  reminderWave: (sessionId: string, startsAt: string, minutesBefore: number) =>
    join('wave', 'reminder', sessionId, startStamp(startsAt), `${minutesBefore}m`),
  reminder: (sessionId: string, startsAt: string, minutesBefore: number, userId: string) =>
    join('reminder', sessionId, startStamp(startsAt), `${minutesBefore}m`, userId),
  presenterWave: (sessionId: string, startsAt: string, minutesBefore: number) =>
    join('wave', 'presenter', sessionId, startStamp(startsAt), `${minutesBefore}m`),
  presenter: (sessionId: string, startsAt: string, minutesBefore: number, userId: string) =>
    join('presenter', sessionId, startStamp(startsAt), `${minutesBefore}m`, userId),
  nowWave: (sessionId: string, requestKey: string) => join('wave', 'now', sessionId, requestKey),
  now: (sessionId: string, requestKey: string, userId: string) => join('now', sessionId, requestKey, userId),
  notice: (sessionId: string, noticeId: string, userId: string) => join('notice', sessionId, noticeId, userId),
  followUpWave: (sessionId: string) => join('wave', 'follow-up', sessionId),
  followUp: (sessionId: string, userId: string) => join('follow-up', sessionId, userId),
  digestWave: (weekOf: string) => join('wave', 'digest', weekOf),
  digest: (weekOf: string, userId: string) => join('digest', weekOf, userId),
  /** A snooze of a delivery: one per delivery, so a second click on the same card changes nothing. */
  snooze: (deliveryId: string) => `${deliveryId}.snoozed`,
} as const;

/** The subject (second partition-key level) of a tenant's weekly digest. */
export function digestSubject(weekOf: string): string {
  return `digest.${weekOf}`;
}
