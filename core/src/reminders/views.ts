import { seatsTaken, type Session } from '../sessions/session.js';
import type { DeliveryMessage, DeliveryRef, ReminderSessionView } from './channel.js';
import type { Delivery } from './delivery.js';

/** A session as one person's reminder card shows it. */
export function reminderSessionView(session: Session, userId: string): ReminderSessionView {
  return {
    id: session.id,
    title: session.title,
    kind: session.kind,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timeZone: session.timeZone,
    ...(session.location ? { location: session.location } : {}),
    ...(session.meetingUrl ? { meetingUrl: session.meetingUrl } : {}),
    status: session.status,
    presenters: session.presenters,
    myRsvp: session.rsvps[userId]?.status ?? null,
    ...(session.capacity === undefined ? {} : { capacity: session.capacity }),
    seatsTaken: seatsTaken(session),
  };
}

export function refOf(delivery: Delivery): DeliveryRef {
  return { tenantId: delivery.tenantId, subjectId: delivery.subjectId, id: delivery.id };
}

/** The card content of a session delivery, for its recipient. */
export function sessionMessage(
  delivery: Delivery,
  session: Session,
  extra: { recipientTeamsId?: string; notice?: string } = {},
): DeliveryMessage {
  if (delivery.kind === 'weekly-digest') throw new RangeError('a digest is not about one session');
  return {
    kind: delivery.kind,
    delivery: refOf(delivery),
    session: reminderSessionView(session, delivery.recipientId),
    ...(delivery.minutesBefore === undefined ? {} : { minutesBefore: delivery.minutesBefore }),
    ...(delivery.origin?.note ? { note: delivery.origin.note } : {}),
    ...(delivery.response ? { response: delivery.response } : {}),
    ...(extra.recipientTeamsId ? { recipientTeamsId: extra.recipientTeamsId } : {}),
    ...(extra.notice ? { notice: extra.notice } : {}),
  };
}
