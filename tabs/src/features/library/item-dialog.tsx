import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { LibraryItemDetail, LibraryItemView } from '@peerloop/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { ActionOutcome } from '../../shared/action-outcome';
import { ErrorState, LoadingState } from '../../shared/status';
import { useAction } from '../../shared/use-action';
import { useResource } from '../../shared/use-resource';
import { TextAreaField } from '../qna/text-area-field';
import { cohortNamedIn, needsAgreements } from './agreements-required';
import type { KnownCohort } from './agreements-required';
import { BarChart } from './charts';
import { EditItemForm } from './edit-item-form';
import {
  addComment,
  careForItem,
  getItem,
  libraryInsights,
  rateItem,
  recordView,
  reportItem,
  setFlag,
} from './library-api';
import { KIND_LABELS, count, describeRating, formatDate, isTextKind } from './labels';
import { LibraryAgreements } from './library-agreements';
import { Markdown, safeHref } from './markdown';
import { RatingInput, RatingStars } from './rating';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(48rem, calc(100vw - 2rem))' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
  },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  open: {
    alignSelf: 'flex-start',
    color: tokens.colorBrandForegroundLink,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  start: { alignSelf: 'flex-start' },
  charts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 18rem), 1fr))',
    gap: tokens.spacingHorizontalXL,
  },
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  comment: {
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  commentText: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface ItemDialogProps {
  readonly itemId: string;
  readonly open: boolean;
  /** The signed-in user, to tell their own items (which they cannot rate). */
  readonly myUserId?: string;
  /**
   * The reader runs the library's current scope (its insights answered): they see the item's use and rating
   * charts. Otherwise the charts show when the reader owns the program or facilitates the item's cohort.
   */
  readonly showFigures: boolean;
  readonly cohortName: (cohortId: string) => string | undefined;
  /**
   * The reader's cohorts (null while they load): a cohort item refused for want of accepted agreements
   * names its cohort, and the page offers that cohort's agreements.
   */
  readonly knownCohorts: readonly KnownCohort[] | null;
  readonly onChanged: (item: LibraryItemView) => void;
  /** The reader accepted a cohort's agreements here: what the cohort shares opens to them. */
  readonly onAgreementsAccepted?: () => void;
  readonly onClose: () => void;
}

/** The item page: its content, rating, my bookmark and "done", comments, reports and, for owners, care. */
export function ItemDialog({
  itemId,
  open,
  myUserId,
  showFigures,
  cohortName,
  knownCohorts,
  onChanged,
  onAgreementsAccepted,
  onClose,
}: ItemDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const { resource, reload, update } = useResource(() => getItem(api, itemId), itemId);
  const counted = useRef(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  /** The agreements were just accepted: once the item shows, focus moves to its title. */
  const focusTitle = useRef(false);
  const item = resource.status === 'ready' ? resource.data : null;
  // A facilitator of the item's cohort sees its figures: the cohort's insights answer them, and only them.
  const cohortToAsk = item && !showFigures && !item.canModerate ? item.cohortId : undefined;
  const cohortFigures = useResource(
    async () =>
      cohortToAsk
        ? libraryInsights(api, { cohortId: cohortToAsk }).then(
            () => true,
            () => false,
          )
        : false,
    cohortToAsk ?? '',
  );
  const runsCohort = cohortFigures.resource.status === 'ready' && cohortFigures.resource.data;
  // The latest item, so changes that settle one after another build on each other.
  const latest = useRef(item);
  latest.current = item;

  // Opening the item counts a view, once per opening (hidden items count none).
  useEffect(() => {
    if (!item || counted.current || item.hidden) return;
    counted.current = true;
    recordView(api, item.id).then(
      () => change((current) => ({ ...current, views: current.views + 1 })),
      () => undefined,
    );
  }, [item]);

  useEffect(() => {
    if (resource.status !== 'ready' || !focusTitle.current) return;
    focusTitle.current = false;
    titleRef.current?.focus();
  }, [resource.status]);

  function agreementsAccepted() {
    focusTitle.current = true;
    reload();
    onAgreementsAccepted?.();
  }

  function change(next: (current: LibraryItemDetail) => LibraryItemDetail) {
    if (!latest.current) return;
    const changed = next(latest.current);
    latest.current = changed;
    update(() => changed);
    onChanged(changed);
  }

  let title = 'Library item';
  let body;
  if (resource.status === 'loading') body = <LoadingState label="Loading the item" />;
  else if (resource.status === 'error' && needsAgreements(resource.error)) {
    const cohort = knownCohorts && cohortNamedIn(resource.error, knownCohorts);
    body =
      knownCohorts === null ? (
        <LoadingState label="Loading your cohorts" />
      ) : cohort ? (
        <LibraryAgreements
          cohortId={cohort.id}
          intro={`This item is shared with ${cohort.name} only.`}
          onAccepted={agreementsAccepted}
        />
      ) : (
        <ErrorState
          title="This item is shared with a cohort whose agreements you have not accepted yet."
          error={resource.error}
          onRetry={reload}
        />
      );
  } else if (resource.status === 'error') {
    const gone = resource.error instanceof ApiError && resource.error.code === 'not_found';
    body = gone ? (
      <Text>This item does not exist, or it is not shared with you.</Text>
    ) : (
      <ErrorState title="The item could not be loaded." error={resource.error} onRetry={reload} />
    );
  } else {
    title = resource.data.title;
    body = (
      <ItemPage
        item={resource.data}
        myUserId={myUserId}
        showFigures={showFigures || runsCohort}
        cohortName={cohortName}
        change={change}
      />
    );
  }

  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle ref={titleRef} tabIndex={-1}>
            {title}
          </DialogTitle>
          <DialogContent className={styles.content}>{body}</DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

interface ItemPageProps {
  readonly item: LibraryItemDetail;
  readonly myUserId: string | undefined;
  readonly showFigures: boolean;
  readonly cohortName: (cohortId: string) => string | undefined;
  readonly change: (next: (current: LibraryItemDetail) => LibraryItemDetail) => void;
}

function ItemPage({ item, myUserId, showFigures, cohortName, change }: ItemPageProps) {
  const styles = useStyles();
  const api = useApi();
  const [editing, setEditing] = useState(false);
  /** What the last edit came to, for a live region that outlives the form. */
  const [editNotice, setEditNotice] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  /** The form just closed: focus goes back to "Edit", where the person started. */
  const backToEdit = useRef(false);
  const mine = myUserId !== undefined && item.author.userId === myUserId;
  const scope = item.cohortId ? `${cohortName(item.cohortId) ?? 'One cohort'} only` : 'Whole program';

  useEffect(() => {
    if (editing || !backToEdit.current) return;
    backToEdit.current = false;
    editButton.current?.focus();
  }, [editing]);

  function stopEditing(notice: string) {
    backToEdit.current = true;
    setEditNotice(notice);
    setEditing(false);
  }

  /** The page shows the saved version with its history (which only the item page answers), read afresh. */
  async function saved(view: LibraryItemView) {
    try {
      const fresh = await getItem(api, item.id);
      change(() => fresh);
    } catch {
      change((current) => ({ ...current, ...view }));
    }
    stopEditing('Saved. The previous version is kept in the item’s history.');
  }

  return (
    <>
      <div className={styles.meta}>
        <span>{KIND_LABELS[item.kind]}</span>
        <span>
          Shared by {item.author.displayName} on <time dateTime={item.createdAt}>{formatDate(item.createdAt)}</time>
        </span>
        <span>{scope}</span>
        <span>{count(item.views, 'view')}</span>
      </div>
      {item.canEdit && (
        <div className={styles.row}>
          {!editing && (
            <Button
              ref={editButton}
              className={styles.start}
              onClick={() => {
                setEditNotice('');
                setEditing(true);
              }}
            >
              Edit
            </Button>
          )}
          <Text role="status">{editNotice}</Text>
        </div>
      )}
      {editing ? (
        <EditItemForm item={item} scope={scope} onSaved={saved} onCancel={() => stopEditing('')} />
      ) : (
        <ItemContent item={item} mine={mine} showFigures={showFigures} change={change} />
      )}
    </>
  );
}

/** The item as everyone reads it: its content, rating, my flags, comments, reports, care and history. */
function ItemContent({
  item,
  mine,
  showFigures,
  change,
}: Pick<ItemPageProps, 'item' | 'showFigures' | 'change'> & { readonly mine: boolean }) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  /** The star just chosen, shown while it is saved. */
  const [choosing, setChoosing] = useState<number | null>(null);
  const href = item.url ? safeHref(item.url) : null;
  const kind = KIND_LABELS[item.kind].toLowerCase();

  const rate = (stars: number) => {
    if (action.busy) return;
    setChoosing(stars);
    return action.run(async () => {
      const rated = await rateItem(api, item.id, stars).finally(() => setChoosing(null));
      change((current) => {
        const histogram = [...current.ratingHistogram] as [number, number, number, number, number];
        const before = current.rating.mine;
        if (before !== stars) {
          if (before !== undefined) histogram[before - 1] = Math.max(0, histogram[before - 1]! - 1);
          histogram[stars - 1] = histogram[stars - 1]! + 1;
        }
        // The answer knows nothing of my bookmark or "done": take only the rating from it.
        return { ...current, rating: rated.rating, ratingHistogram: histogram };
      });
      return `You rated it ${stars} out of 5. ${describeRating(rated.rating)}.`;
    });
  };

  const flag = (which: 'bookmark' | 'done', on: boolean) =>
    action.run(async () => {
      const { changed } = await setFlag(api, item.id, which, on);
      const step = changed ? (on ? 1 : -1) : 0;
      change((current) =>
        which === 'bookmark'
          ? { ...current, bookmarked: on, bookmarks: Math.max(0, current.bookmarks + step) }
          : { ...current, done: on, completions: Math.max(0, current.completions + step) },
      );
      if (which === 'bookmark') return on ? 'Saved for later.' : 'No longer saved for later.';
      return on ? 'Marked as done.' : 'No longer marked as done.';
    });

  return (
    <>
      {item.hidden && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            Hidden by the program owners{item.hiddenReason ? `: ${item.hiddenReason}` : '.'} Only they and the author
            see it.
          </MessageBarBody>
        </MessageBar>
      )}
      {item.summary && <Text className={styles.commentText}>{item.summary}</Text>}
      {href && (
        <a className={styles.open} href={href} target="_blank" rel="noopener noreferrer">
          Open the {kind} (opens in a new tab)
        </a>
      )}
      {item.body && isTextKind(item.kind) && (
        <section className={styles.section} aria-labelledby="item-body">
          <h3 id="item-body" className={styles.heading}>
            {item.kind === 'tip-list' ? 'Tips' : 'Notes'}
          </h3>
          <Markdown source={item.body} />
        </section>
      )}
      {(item.tags.length > 0 || item.skills.length > 0) && (
        <div className={styles.meta}>
          {item.tags.length > 0 && <span>Tags: {item.tags.join(', ')}</span>}
          {item.skills.length > 0 && <span>Skills: {item.skills.join(', ')}</span>}
        </div>
      )}

      <section className={styles.section} aria-labelledby="item-rating">
        <h3 id="item-rating" className={styles.heading}>
          Rating
        </h3>
        <div className={styles.row}>
          <RatingStars rating={item.rating} />
        </div>
        {mine ? (
          <Text className={styles.muted}>You shared this; your colleagues rate it.</Text>
        ) : item.hidden ? null : (
          <RatingInput value={choosing ?? item.rating.mine} onChange={(stars) => void rate(stars)} />
        )}
        {!item.hidden && (
          <div className={styles.row}>
            <ToggleButton checked={item.bookmarked} onClick={() => void flag('bookmark', !item.bookmarked)}>
              Save for later
            </ToggleButton>
            <ToggleButton checked={item.done} onClick={() => void flag('done', !item.done)}>
              Mark as done
            </ToggleButton>
          </div>
        )}
        <ActionOutcome action={action} />
      </section>

      {(showFigures || item.canModerate) && <ItemFigures item={item} />}
      <Comments item={item} change={change} />
      <Report item={item} />
      {item.canModerate && <Care item={item} change={change} />}
      {item.history.length > 0 && (
        <details>
          <summary>Edited {count(item.history.length, 'time')}</summary>
          <ul>
            {item.history.map((h, index) => (
              <li key={index}>
                “{h.title}” changed by {h.editedBy} on <time dateTime={h.editedAt}>{formatDate(h.editedAt)}</time>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** Use and rating charts for facilitators and owners. */
function ItemFigures({ item }: { item: LibraryItemDetail }) {
  const styles = useStyles();
  const ratings = item.ratingHistogram.reduce((a, b) => a + b, 0);
  return (
    <section className={styles.section} aria-labelledby="item-figures">
      <h3 id="item-figures" className={styles.heading}>
        Use and ratings
      </h3>
      <div className={styles.charts}>
        <BarChart
          caption="Use of this item"
          bars={[
            { key: 'views', label: 'Views', value: item.views },
            { key: 'viewers', label: 'People', value: item.viewers },
            { key: 'completions', label: 'Completions', value: item.completions },
            { key: 'bookmarks', label: 'Saved for later', value: item.bookmarks },
          ]}
        />
        <BarChart
          caption={`Rating distribution (${count(ratings, 'rating')})`}
          total={ratings}
          bars={[5, 4, 3, 2, 1].map((stars) => ({
            key: String(stars),
            label: stars === 1 ? '1 star' : `${stars} stars`,
            value: item.ratingHistogram[stars - 1] ?? 0,
          }))}
        />
      </div>
    </section>
  );
}

function Comments({ item, change }: Pick<ItemPageProps, 'item' | 'change'>) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  const [text, setText] = useState('');
  const [error, setError] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') return setError('Write a comment first.');
    if (trimmed.length > 2000) return setError('Keep it to 2000 characters.');
    setError('');
    void action.run(
      async () => {
        const comment = await addComment(api, item.id, trimmed);
        change((current) => ({
          ...current,
          comments: current.comments + 1,
          commentList: [...current.commentList, comment],
        }));
        setText('');
        return 'Comment added.';
      },
      (failure) => {
        if (!(failure instanceof ApiError) || failure.fields.length === 0) return false;
        setError(failure.fields.map((f) => f.message).join('; '));
        return true;
      },
    );
  }

  return (
    <section className={styles.section} aria-labelledby="item-comments">
      <h3 id="item-comments" className={styles.heading}>
        Comments ({item.commentList.length})
      </h3>
      {item.commentList.length === 0 ? (
        <Text className={styles.muted}>No comments yet.</Text>
      ) : (
        <ul className={styles.list} aria-label="Comments">
          {item.commentList.map((comment) => (
            <li key={comment.id} className={styles.comment}>
              <Text weight="semibold">{comment.author.displayName}</Text>{' '}
              <Text size={200} className={styles.muted}>
                <time dateTime={comment.createdAt}>{formatDate(comment.createdAt)}</time>
              </Text>
              <div className={styles.commentText}>{comment.text}</div>
            </li>
          ))}
        </ul>
      )}
      {!item.hidden && (
        <form className={styles.form} onSubmit={submit}>
          <TextAreaField
            label="Your comment"
            value={text}
            onChange={setText}
            hint={`${text.trim().length} of 2000 characters`}
            error={error}
          />
          <Button type="submit" className={styles.start} disabledFocusable={action.busy}>
            Add comment
          </Button>
        </form>
      )}
      <ActionOutcome action={action} />
    </section>
  );
}

function Report({ item }: { item: LibraryItemDetail }) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') return setError('Say what is wrong with it.');
    setError('');
    void action.run(async () => {
      await reportItem(api, item.id, reason.trim());
      setReporting(false);
      setReason('');
      return 'Thank you. The program owners will look at it.';
    });
  }

  return (
    <section className={styles.section} aria-labelledby="item-report">
      <h3 id="item-report" className={styles.heading}>
        Something wrong?
      </h3>
      {reporting ? (
        <form className={styles.form} onSubmit={submit}>
          <TextAreaField
            label="What is wrong with it?"
            value={reason}
            onChange={setReason}
            hint="The program owners see your reason; other readers do not."
            error={error}
          />
          <div className={styles.row}>
            <Button type="submit" disabledFocusable={action.busy}>
              Send report
            </Button>
            <Button appearance="subtle" onClick={() => setReporting(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button className={styles.start} onClick={() => setReporting(true)}>
          Report this item
        </Button>
      )}
      <ActionOutcome action={action} />
    </section>
  );
}

/** Owners: the reports, and hiding or restoring the item. */
function Care({ item, change }: Pick<ItemPageProps, 'item' | 'change'>) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  const [reason, setReason] = useState('');
  const reports = item.reports ?? [];

  const care = (which: 'hide' | 'restore') =>
    action.run(async () => {
      const cared = await careForItem(api, item.id, which, which === 'hide' ? reason.trim() : undefined);
      change((current) => {
        const { hiddenReason: _was, ...rest } = current;
        const next = {
          ...rest,
          hidden: cared.hidden,
          ...(cared.hiddenReason ? { hiddenReason: cared.hiddenReason } : {}),
        };
        return which === 'restore' ? { ...next, reports: [], reportCount: 0 } : next;
      });
      setReason('');
      return which === 'hide' ? 'Hidden. Only owners and the author see it now.' : 'Restored for everyone.';
    });

  return (
    <section className={styles.section} aria-labelledby="item-care">
      <h3 id="item-care" className={styles.heading}>
        Reports and care
      </h3>
      {reports.length === 0 ? (
        <Text className={styles.muted}>No reports.</Text>
      ) : (
        <ul className={styles.list} aria-label="Reports">
          {reports.map((report, index) => (
            <li key={index} className={styles.comment}>
              <Text size={200} className={styles.muted}>
                <time dateTime={report.at}>{formatDate(report.at)}</time>
              </Text>
              <div className={styles.commentText}>{report.reason}</div>
            </li>
          ))}
        </ul>
      )}
      {item.hidden ? (
        <Button className={styles.start} onClick={() => void care('restore')} disabledFocusable={action.busy}>
          Restore for everyone
        </Button>
      ) : (
        <div className={styles.form}>
          <TextAreaField
            label="Reason for hiding (optional)"
            value={reason}
            onChange={setReason}
            hint="The author sees it."
            error=""
          />
          <Button className={styles.start} onClick={() => void care('hide')} disabledFocusable={action.busy}>
            Hide this item
          </Button>
        </div>
      )}
      <ActionOutcome action={action} />
    </section>
  );
}
