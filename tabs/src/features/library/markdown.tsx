import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/**
 * Tips and book notes are markdown that colleagues wrote. The API stores them sanitised already; this
 * renderer is the second, independent layer: it builds React elements only (text is always text, so HTML
 * in the source shows as the characters typed and never becomes elements), links only to web pages and
 * mail addresses, and loads no images (an image shows as a link to it). A small subset on purpose:
 * paragraphs, headings, lists, quotes, code, rules, emphasis, strike-through and links.
 */

const SAFE_HREF = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/** The address a link may point at, or null when it is anything but a web page or a mail address. */
export function safeHref(target: string): string | null {
  const bare = target.trim().replace(/^<(.*)>$/, '$1');
  return SAFE_HREF.test(bare) ? bare : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character references as the characters they name; the result is only ever used as text. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (match, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

const INLINE = new RegExp(
  [
    String.raw`\\(?<escaped>[!-/:-@[-\x60{-~])`,
    String.raw`(?<ticks>\x60+)(?<code>.+?)\k<ticks>`,
    String.raw`(?<bang>!?)\[(?<label>[^\]\n]*)\]\((?<target><[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)`,
    String.raw`(?<strong>\*\*|__)(?<strongText>\S(?:.*?\S)?)\k<strong>`,
    String.raw`(?<em>[*_])(?<emText>\S(?:.*?\S)?)\k<em>`,
    String.raw`~~(?<del>\S(?:.*?\S)?)~~`,
    String.raw`(?<url>https?:\/\/[^\s<>]*[^\s<>.,;:!?)\]'"*_])`,
  ].join('|'),
  'g',
);

function link(href: string, children: ReactNode, key: string): ReactNode {
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

/** Inline markdown as React nodes. */
export function renderInline(text: string, key = 'i'): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index;
    if (index > last) nodes.push(decodeEntities(text.slice(last, index)));
    last = index + match[0].length;
    const k = `${key}.${n++}`;
    const g = match.groups ?? {};
    if (g.escaped !== undefined) nodes.push(g.escaped);
    else if (g.code !== undefined) nodes.push(<code key={k}>{g.code.trim() || g.code}</code>);
    else if (g.label !== undefined) {
      const href = safeHref(g.target ?? '');
      const label = g.bang ? (g.label ? `Image: ${g.label}` : 'Image') : g.label;
      const inner = g.bang ? [decodeEntities(label)] : renderInline(label, k);
      if (href) nodes.push(link(href, inner.length > 0 ? inner : href, k));
      else nodes.push(...inner);
    } else if (g.strongText !== undefined) nodes.push(<strong key={k}>{renderInline(g.strongText, k)}</strong>);
    else if (g.emText !== undefined) nodes.push(<em key={k}>{renderInline(g.emText, k)}</em>);
    else if (g.del !== undefined) nodes.push(<del key={k}>{renderInline(g.del, k)}</del>);
    else if (g.url !== undefined) nodes.push(link(g.url, g.url, k));
  }
  if (last < text.length) nodes.push(decodeEntities(text.slice(last)));
  return nodes;
}

type Block =
  | { readonly type: 'heading'; readonly level: number; readonly text: string }
  | { readonly type: 'paragraph'; readonly lines: readonly string[] }
  | { readonly type: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly string[] }
  | { readonly type: 'quote'; readonly blocks: readonly Block[] }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'rule' };

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;

function startsBlock(line: string): boolean {
  return [FENCE, HEADING, RULE, QUOTE, BULLET, NUMBERED].some((pattern) => pattern.test(line));
}

/** Markdown source as blocks. */
export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (line.trim() === '') {
      i += 1;
    } else if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) body.push(lines[i++]!);
      i += 1;
      blocks.push({ type: 'code', text: body.join('\n') });
    } else if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i += 1;
    } else if (HEADING.test(line)) {
      const [, hashes = '#', text = ''] = HEADING.exec(line)!;
      blocks.push({ type: 'heading', level: hashes.length, text });
      i += 1;
    } else if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) inner.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ type: 'quote', blocks: parseBlocks(inner.join('\n')) });
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      const ordered = NUMBERED.test(line);
      const pattern = ordered ? NUMBERED : BULLET;
      const start = ordered ? Number(NUMBERED.exec(line)![1]) : 1;
      const items: string[] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        const match = pattern.exec(current);
        if (match) items.push(ordered ? match[2]! : match[1]!);
        else if (current.trim() !== '' && /^\s/.test(current) && items.length > 0) {
          items[items.length - 1] += ` ${current.trim()}`;
        } else break;
        i += 1;
      }
      blocks.push({ type: 'list', ordered, start, items });
    } else {
      const paragraph: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '' && (paragraph.length === 0 || !startsBlock(lines[i]!))) {
        paragraph.push(lines[i++]!);
      }
      blocks.push({ type: 'paragraph', lines: paragraph });
    }
  }
  return blocks;
}

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    overflowWrap: 'anywhere',
    '& p': { margin: 0 },
    '& ul': { margin: 0, paddingInlineStart: tokens.spacingHorizontalXXL },
    '& ol': { margin: 0, paddingInlineStart: tokens.spacingHorizontalXXL },
    '& h4': { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
    '& h5': { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
    '& h6': { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
    '& blockquote': {
      margin: 0,
      paddingInlineStart: tokens.spacingHorizontalM,
      borderInlineStartWidth: tokens.strokeWidthThick,
      borderInlineStartStyle: 'solid',
      borderInlineStartColor: tokens.colorNeutralStroke1,
      color: tokens.colorNeutralForeground2,
    },
    '& pre': {
      margin: 0,
      padding: tokens.spacingHorizontalS,
      overflowX: 'auto',
      backgroundColor: tokens.colorNeutralBackground3,
      borderRadius: tokens.borderRadiusMedium,
    },
    '& code': { fontFamily: tokens.fontFamilyMonospace },
    '& a': { color: tokens.colorBrandForegroundLink },
    '& hr': {
      width: '100%',
      border: 'none',
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
});

function renderBlock(block: Block, key: string): ReactNode {
  switch (block.type) {
    case 'heading': {
      // Headings inside an item sit under the dialog's own (h2) and its sections (h3).
      const Tag = block.level === 1 ? 'h4' : block.level === 2 ? 'h5' : 'h6';
      return <Tag key={key}>{renderInline(block.text, key)}</Tag>;
    }
    case 'paragraph':
      return (
        <p key={key}>
          {block.lines.flatMap((line, index) => {
            const hardBreak = / {2,}$|\\$/.test(line);
            const text = line.replace(/ {2,}$|\\$/, '').trim();
            const parts = renderInline(text, `${key}.${index}`);
            if (index === block.lines.length - 1) return parts;
            return [...parts, hardBreak ? <br key={`${key}.${index}.br`} /> : ' '];
          })}
        </p>
      );
    case 'list': {
      const items = block.items.map((text, index) => <li key={index}>{renderInline(text, `${key}.${index}`)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'quote':
      return (
        <blockquote key={key}>{block.blocks.map((inner, index) => renderBlock(inner, `${key}.${index}`))}</blockquote>
      );
    case 'code':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={key} />;
  }
}

/** Safe markdown of a tip list or book note. */
export function Markdown({ source, label }: { source: string; label?: string }) {
  const styles = useStyles();
  return (
    <div className={styles.root} aria-label={label} role={label ? 'region' : undefined}>
      {parseBlocks(source).map((block, index) => renderBlock(block, String(index)))}
    </div>
  );
}
