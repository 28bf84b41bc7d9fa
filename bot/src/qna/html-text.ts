const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Block-level elements Teams uses for paragraphs, line breaks and list items: each ends a line. */
const LINE_ENDING = /^(br|p|div|li|tr|h[1-6]|blockquote|pre)$/i;
/** Elements whose content is not message text. */
const DROPPED_WITH_CONTENT = /<(script|style|attachment|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const code =
      body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/**
 * The plain text of a Teams message body (`messagePayload.body.content`, HTML when its contentType is html):
 * tags go, paragraphs and line breaks become new lines, mentions keep the name shown, entities are decoded
 * once (so "&amp;lt;" stays "&lt;" as the sender typed it), and runs of blank lines and spaces collapse.
 * The result is text only: every surface shows it literally, so nothing in it can act as markup.
 */
export function htmlToPlainText(content: string, contentType: string | undefined = 'html'): string {
  if (contentType !== 'html') return content.replace(/\r\n?/g, '\n').trim();
  const text = content
    .replace(DROPPED_WITH_CONTENT, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?([a-z][a-z0-9]*)\b[^>]*>/gi, (_tag, name: string) => (LINE_ENDING.test(name) ? '\n' : ''))
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, decodeEntity);
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
