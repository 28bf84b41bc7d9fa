import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { RsvpResponse, SessionView } from '@peerloop/core';
import { useState } from 'react';
import { describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { checkIn, respond } from './sessions-api';
import { describeMyRsvp } from './format';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const ANSWERS: readonly { response: RsvpResponse; label: string }[] = [
  { response: 'going', label: 'Going' },
  { response: 'maybe', label: 'Maybe' },
  { response: 'declined', label: "Can't go" },
];

type Patch = Partial<
  Pick<SessionView, 'myRsvp' | 'seatsTaken' | 'myWaitlistPosition' | 'waitlistLength' | 'checkedIn'>
>;

export interface RsvpControlsProps {
  readonly session: SessionView;
  /** Called with what changed after a saved answer or check-in. */
  readonly onChange: (patch: Patch) => void;
  /** The heading level of "Your answer" (3 in dialogs, 2 in the side panel). */
  readonly headingLevel?: 2 | 3;
}

/**
 * "Going / Maybe / Can't go" (aria-pressed on the current answer), the waitlist position, and "Check in";
 * results and refusals are announced in live regions.
 */
export function RsvpControls({ session, onChange, headingLevel = 3 }: RsvpControlsProps) {
  const styles = useStyles();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState('');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `rsvp-${session.id}`;
  const ended = Date.now() > Date.parse(session.endsAt);
  const open = session.status === 'scheduled' && !ended;

  async function run(action: () => Promise<string>) {
    if (busy) return;
    setBusy(true);
    setFailure('');
    setAnnouncement('');
    try {
      setAnnouncement(await action());
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  const answer = (response: RsvpResponse) =>
    run(async () => {
      const outcome = await respond(api, session.id, response);
      const wasWaiting = session.myRsvp === 'waitlisted';
      const waiting = outcome.status === 'waitlisted';
      onChange({
        myRsvp: outcome.status,
        seatsTaken: outcome.seatsTaken,
        myWaitlistPosition: outcome.waitlistPosition,
        waitlistLength: Math.max(
          0,
          session.waitlistLength + Number(waiting) - Number(wasWaiting) - outcome.promoted.length,
        ),
      });
      return waiting
        ? `The session is full. ${describeMyRsvp(outcome.status, outcome.waitlistPosition)}`
        : `Answer saved. ${describeMyRsvp(outcome.status, outcome.waitlistPosition)}`;
    });

  const checkInNow = () =>
    run(async () => {
      await checkIn(api, session.id);
      onChange({ checkedIn: true });
      return 'You are checked in.';
    });

  const pressed = session.myRsvp === 'waitlisted' ? 'going' : session.myRsvp;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Heading id={headingId} className={styles.heading}>
        Your answer
      </Heading>
      <Text>{describeMyRsvp(session.myRsvp, session.myWaitlistPosition)}</Text>
      {open && (
        <div className={styles.buttons} role="group" aria-labelledby={headingId}>
          {ANSWERS.map(({ response, label }) => (
            <Button
              key={response}
              appearance={pressed === response ? 'primary' : 'secondary'}
              aria-pressed={pressed === response}
              disabledFocusable={busy}
              onClick={() => void answer(response)}
            >
              {label}
            </Button>
          ))}
          {session.checkedIn ? null : (
            <Button disabledFocusable={busy} onClick={() => void checkInNow()}>
              Check in
            </Button>
          )}
        </div>
      )}
      {session.checkedIn && <Text>You checked in.</Text>}
      <Text role="status">{announcement}</Text>
      <Text role="alert" className={styles.error}>
        {failure}
      </Text>
    </section>
  );
}
