import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CohortDetail } from '@peerloop/core';
import type { ReactNode } from 'react';
import { useApi } from '../../platform/api-context';
import { useLinkStyles } from '../../shared/link-styles';
import { ErrorState, LoadingState } from '../../shared/status';
import { useResource } from '../../shared/use-resource';
import { AgreementsGate } from './agreements-gate';
import { CohortMembers } from './cohort-members';
import { CohortSettingsForm } from './cohort-settings';
import { formatMemberCount, formatNames, formatSessionStart } from './format';
import { COHORT_KIND_LABELS, SESSION_KIND_LABELS, STATUS_LABELS, THREAD_LABELS, THREAD_NAMES } from './labels';
import { getCohortDetail } from './membership-api';
import { JOIN_POLICY_LABELS } from './membership-labels';
import { MyMembership } from './my-membership';
import { RunnerTools } from './runner-tools';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(52rem, calc(100vw - 2rem))' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  title: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
  row: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0 },
});

export interface CohortHomeDialogProps {
  readonly cohortId: string;
  /** Closed dialogs stay mounted until replaced, so Fluent can restore the page around them. */
  readonly open: boolean;
  readonly onClose: () => void;
  /** Called with the fresh cohort after each change (joined, left, members, settings). */
  readonly onChanged: (cohort: CohortDetail) => void;
}

/** A cohort's home in a modal dialog: its facts, the reader's membership and agreements, and running it. */
export function CohortHomeDialog({ cohortId, open, onClose, onChanged }: CohortHomeDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const { resource, reload, update } = useResource(() => getCohortDetail(api, cohortId), cohortId);
  const cohort = resource.status === 'ready' ? resource.data : null;

  async function refresh() {
    const fresh = await getCohortDetail(api, cohortId).catch(() => null);
    if (!fresh) return;
    update(() => fresh);
    onChanged(fresh);
  }

  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>
            {cohort ? (
              <span className={styles.title}>
                {cohort.name}
                <Badge appearance="outline" color="informative">
                  {STATUS_LABELS[cohort.status]}
                </Badge>
              </span>
            ) : (
              'Cohort'
            )}
          </DialogTitle>
          <DialogContent className={styles.content}>
            {resource.status === 'loading' && <LoadingState label="Loading the cohort" />}
            {resource.status === 'error' && (
              <ErrorState title="The cohort could not be loaded." error={resource.error} onRetry={reload} />
            )}
            {cohort && (
              <>
                <Text>{cohort.purpose}</Text>
                <CohortFacts cohort={cohort} />
                <MyMembership cohort={cohort} onChanged={refresh} />
                {cohort.myRole !== null && <AgreementsGate cohort={cohort} onChanged={refresh} />}
                <CohortMembers cohort={cohort} onChanged={refresh} />
                {cohort.canManage && (
                  <>
                    <RunnerTools cohort={cohort} onChanged={refresh} />
                    <CohortSettingsForm cohort={cohort} onSaved={refresh} />
                  </>
                )}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

const GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The channel the cohort lives in: a Teams deep link where its team's group id is known. */
function ChannelFact({ channel }: { channel: NonNullable<CohortDetail['channel']> }) {
  const link = useLinkStyles();
  const name = channel.channelName ?? 'Its Teams channel';
  if (!GROUP_ID.test(channel.teamId)) return <>{name}</>;
  const href =
    `https://teams.microsoft.com/l/channel/${encodeURIComponent(channel.channelId)}/` +
    `${encodeURIComponent(channel.channelName ?? 'channel')}?groupId=${encodeURIComponent(channel.teamId)}`;
  return (
    <a className={link.link} href={href} target="_blank" rel="noreferrer">
      {name}
    </a>
  );
}

function CohortFacts({ cohort }: { cohort: CohortDetail }) {
  const styles = useStyles();
  const threads = THREAD_NAMES.flatMap((name) => {
    const value = cohort.commonThreads[name];
    return value ? [`${THREAD_LABELS[name]}: ${value}`] : [];
  });
  const next = cohort.nextSession;
  const rows: [string, ReactNode][] = [
    ['Kind', COHORT_KIND_LABELS[cohort.kind] ?? cohort.kind],
    ['Common threads', threads.length > 0 ? threads.join(' · ') : 'None given'],
    ['Status', STATUS_LABELS[cohort.status]],
    [
      'Capacity',
      cohort.capacity === undefined
        ? `${formatMemberCount(cohort.memberCount)}, no limit`
        : `${cohort.memberCount} of ${cohort.capacity} places taken`,
    ],
    ['Joining', JOIN_POLICY_LABELS[cohort.joinPolicy]],
    [
      'Channel',
      cohort.channel ? (
        <ChannelFact channel={cohort.channel} />
      ) : cohort.canManage ? (
        'None yet: add PeerLoop as a tab in the cohort’s channel and choose this cohort'
      ) : (
        'None yet'
      ),
    ],
    [
      'Facilitated by',
      cohort.facilitators.length > 0
        ? formatNames(cohort.facilitators.map((f) => f.displayName))
        : 'No facilitator yet',
    ],
    [
      'Next session',
      next ? (
        <>
          {next.title} ({SESSION_KIND_LABELS[next.kind] ?? next.kind}),{' '}
          <time dateTime={next.startsAt}>{formatSessionStart(next.startsAt)}</time>
        </>
      ) : (
        'No upcoming session'
      ),
    ],
  ];
  return (
    <dl className={styles.facts}>
      {rows.map(([term, value]) => (
        <div key={term} className={styles.row}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.detail}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
