/**
 * Tips and book notes are markdown written by colleagues. What is stored is already safe to hand to any
 * markdown renderer: raw HTML is removed (markdown renders it verbatim otherwise), and links or images can
 * only point at web pages, mail addresses or anchors. The tab renders it without HTML support as well, and
 * cards show it as text: two independent layers.
 */

const SAFE_TARGET = /^(https?:\/\/|mailto:|#)/i;
const COMMENT = /<!--[\s\S]*?(-->|$)/g;
const AUTOLINK = /<((?:https?:\/\/|mailto:)[^<>\s]+)>/gi;
/** An opening or closing tag, or a processing instruction / declaration: `<b>`, `</div >`, `<img src=x onerror=…>`. */
const TAG = /<\/?[A-Za-z][^<>]*>|<[!?][^<>]*>/g;
/** Inline links and images: `[text](target "title")` / `![alt](target)`. */
const INLINE_LINK = /(!?\[[^\]\n]*\]\()\s*(<[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*)([^)\n]*\))/g;
/** Reference definitions: `[id]: target "title"`. */
const REFERENCE = /^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)/gm;

export function sanitizeMarkdown(raw: string): string {
  let text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' ? c : c === '\t' ? '  ' : ''))
    .replace(/[\u200B-\u200F\u2028\u2029\u2060-\u206F\uFEFF]/g, '');
  // Repeat until stable: removing one tag can join the halves of another (`<scr<b>ipt>`).
  for (let pass = 0; pass < 5; pass += 1) {
    const before = text;
    text = text.replace(COMMENT, '').replace(AUTOLINK, '$1').replace(TAG, '');
    if (text === before) break;
  }
  text = text
    .replace(INLINE_LINK, (_match, open: string, target: string, rest: string) => `${open}${safeTarget(target)}${rest}`)
    .replace(REFERENCE, (_match, open: string, target: string) => `${open}${safeTarget(target)}`);
  return text.trim();
}

function safeTarget(target: string): string {
  const bare = target.startsWith('<') ? target.slice(1, -1) : target;
  const decoded = decodeEntities(bare).replace(/\s+/g, '');
  return decoded === '' || SAFE_TARGET.test(decoded) ? target : '#';
}

/** Enough entity decoding to see through `&#106;avascript:` and `java&#x73;cript:`. */
function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000))
    .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10) % 0x110000))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '');
}

/** Markdown as plain text for places that show no formatting (card previews, search snippets). */
export function markdownToPlainText(markdown: string, max: number): string {
  const plain = markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|\*|_|`|~~)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length <= max ? plain : `${plain.slice(0, max - 1).trimEnd()}…`;
}
