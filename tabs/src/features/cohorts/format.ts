/**
 * A session start as the reader's locale and time zone show it, e.g. "Tue, Dec 2, 12:30 PM GMT+1";
 * the year is shown only when it is not the current one.
 */
export function formatSessionStart(iso: string, now: Date = new Date(), locale?: string): string {
  const date = new Date(iso);
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/** "1 member", "12 members". */
export function formatMemberCount(count: number): string {
  return count === 1 ? '1 member' : `${count} members`;
}

/** Joins names as the reader's language lists them: "Ada, Grace and Linus". */
export function formatNames(names: readonly string[], locale?: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}
