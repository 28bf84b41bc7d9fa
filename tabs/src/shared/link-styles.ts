import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * Link looks for native `<a>` and `<button>` elements: Fluent's Link would add about 2.5 kB gzip to the
 * personal tab and side panel, which load it up front.
 */
export const useLinkStyles = makeStyles({
  link: {
    padding: 0,
    border: 'none',
    backgroundColor: 'transparent',
    color: tokens.colorBrandForegroundLink,
    fontFamily: 'inherit',
    fontSize: 'inherit',
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: 'inherit',
    textAlign: 'start',
    textDecorationLine: 'underline',
    cursor: 'pointer',
    ':hover': { color: tokens.colorBrandForegroundLinkHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
});
