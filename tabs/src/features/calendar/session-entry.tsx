import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { SessionView } from '@peerloop/core';
import { SESSION_KIND_LABELS } from '../cohorts/labels';
import { formatTime, formatTimeRange } from '../sessions/format';

const useStyles = makeStyles({
  entry: {
    display: 'flex',
    flexDirection: 'column',
    width: '100%',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    textAlign: 'start',
    overflowWrap: 'anywhere',
    cursor: 'pointer',
    ':hover': { color: tokens.colorNeutralForeground1Hover, backgroundColor: tokens.colorBrandBackground2Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  cancelled: {
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    ':hover': { color: tokens.colorNeutralForeground1Hover, backgroundColor: tokens.colorNeutralBackground3Hover },
  },
  fill: { height: '100%', overflow: 'hidden', justifyContent: 'flex-start' },
  struck: { textDecorationLine: 'line-through' },
  time: { fontWeight: tokens.fontWeightSemibold },
});

/** One session as a compact button in the month and week grids; "Cancelled" is written, not coloured. */
export function SessionEntry({
  session,
  detailed = false,
  fill = false,
  onOpen,
}: {
  session: SessionView;
  /** Week view: the time range and kind too. */
  detailed?: boolean;
  /** Fills its block in the week's time grid; what does not fit is cut off (the button's name keeps it all). */
  fill?: boolean;
  onOpen: (sessionId: string, opener: HTMLElement) => void;
}) {
  const styles = useStyles();
  const cancelled = session.status === 'cancelled';
  return (
    <button
      type="button"
      className={mergeClasses(styles.entry, fill && styles.fill, cancelled && styles.cancelled)}
      onClick={(event) => onOpen(session.id, event.currentTarget)}
    >
      <span className={styles.time}>
        {detailed ? formatTimeRange(session.startsAt, session.endsAt) : formatTime(session.startsAt)}
      </span>
      <span className={mergeClasses(cancelled && styles.struck)}>{session.title}</span>
      {detailed && <span>{SESSION_KIND_LABELS[session.kind] ?? session.kind}</span>}
      {cancelled && <span>Cancelled</span>}
    </button>
  );
}
