import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { LibraryItemView } from '@peerloop/core';
import { useId } from 'react';
import { useLinkStyles } from '../../shared/link-styles';
import { KIND_LABELS, count } from './labels';
import { RatingStars } from './rating';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    color: tokens.colorNeutralForeground2,
  },
  kind: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  summary: { overflowWrap: 'anywhere' },
  tags: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  tag: {
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase200,
  },
  flag: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
});

export interface ItemCardProps {
  readonly item: LibraryItemView;
  readonly headingLevel: 3 | 4;
  /** Opens the item page; `opener` gets the focus back when it closes. */
  readonly onOpen: (itemId: string, opener: HTMLElement) => void;
}

/** One library item in a list: title (opens it), kind, author, rating, views, tags and my own use. */
export function ItemCard({ item, headingLevel, onOpen }: ItemCardProps) {
  const styles = useStyles();
  const link = useLinkStyles();
  const titleId = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const flags = [item.hidden && 'Hidden', item.bookmarked && 'Saved for later', item.done && 'Done'].filter(Boolean);
  return (
    <article className={styles.card} aria-labelledby={titleId}>
      <Heading id={titleId} className={styles.title}>
        <button type="button" className={link.link} onClick={(event) => onOpen(item.id, event.currentTarget)}>
          {item.title}
        </button>
      </Heading>
      <div className={styles.meta}>
        <span className={styles.kind}>{KIND_LABELS[item.kind]}</span>
        <span>by {item.author.displayName}</span>
        <RatingStars rating={item.rating} />
        <span>{count(item.views, 'view')}</span>
        {flags.length > 0 && <span className={styles.flag}>{flags.join(' · ')}</span>}
      </div>
      {item.summary && <Text className={styles.summary}>{item.summary}</Text>}
      {item.tags.length > 0 && (
        <ul className={styles.tags} aria-label="Tags">
          {item.tags.map((tag) => (
            <li key={tag} className={styles.tag}>
              {tag}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
