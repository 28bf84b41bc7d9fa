/**
 * User-written text never goes into a TextBlock (which renders markdown): it goes into a RichTextBlock's
 * TextRun, which Teams shows literally, so a cohort named "[click](http://evil)" stays just that text.
 */
export function literalText(
  text: string,
  options: { weight?: 'Bolder'; size?: 'Medium' | 'Large'; subtle?: boolean; color?: 'Attention' | 'Good' } = {},
) {
  return {
    type: 'RichTextBlock',
    inlines: [
      {
        type: 'TextRun',
        text,
        ...(options.weight ? { weight: options.weight } : {}),
        ...(options.size ? { size: options.size } : {}),
        ...(options.subtle ? { isSubtle: true } : {}),
        ...(options.color ? { color: options.color } : {}),
      },
    ],
  };
}

/**
 * Adaptive Cards' own date functions render an instant in the reader's time zone and locale.
 * They need an ISO instant without milliseconds.
 */
export function localDateTime(isoInstant: string): string {
  const iso = new Date(isoInstant).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}
