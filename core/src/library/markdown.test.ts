import { markdownToPlainText, sanitizeMarkdown } from './markdown.js';
import { isWebAddress, shareItemInput } from './contracts.js';

describe('tips and notes are stored as safe markdown', () => {
  it.each([
    ['<script>alert(1)</script>Hello', 'alert(1)Hello'],
    ['<img src=x onerror=alert(1)>after', 'after'],
    ['<scr<b>ipt>alert(1)</scr</b>ipt>', 'alert(1)'],
    ['before<!-- a comment -->after', 'beforeafter'],
    ['<div style="x">**bold**</div>', '**bold**'],
    ['<!doctype html>text', 'text'],
  ])('removes raw HTML: %s', (input, expected) => {
    expect(sanitizeMarkdown(input)).toBe(expected);
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x]( javascript:alert(1) )',
    '[x](JaVaScRiPt:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](java&#x73;cript:alert(1))',
    '[x](vbscript:msgbox)',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '![x](javascript:alert(1))',
    '[x](<javascript:alert(1)>)',
    '[x](file:///etc/passwd)',
  ])('neutralises a link that could run script or read files: %s', (input) => {
    const safe = sanitizeMarkdown(input);
    expect(safe).not.toMatch(/javascript|vbscript|data:|file:|&#/i);
    expect(safe).toMatch(/\]\((#|\))/); // points nowhere
  });

  it('replaces the whole target, parentheses and all', () => {
    expect(sanitizeMarkdown('[x](javascript:alert(3)) and [y](https://en.wikipedia.org/wiki/Cache_(computing))')).toBe(
      '[x](#) and [y](https://en.wikipedia.org/wiki/Cache_(computing))',
    );
  });

  it('neutralises reference-style definitions too', () => {
    expect(sanitizeMarkdown('[docs][1]\n\n[1]: javascript:alert(1)')).toBe('[docs][1]\n\n[1]: #');
  });

  it('keeps ordinary markdown, web and mail links, autolinks and comparisons', () => {
    const text = [
      '## Tips',
      '- **Write it down** in [the wiki](https://contoso.sharepoint.com/wiki "Wiki")',
      '- Mail [the desk](mailto:desk@contoso.example)',
      '- See <https://learn.microsoft.com>',
      '- Keep latency < 200 ms and > 0',
      '- Jump to [the top](#tips)',
    ].join('\n');
    expect(sanitizeMarkdown(text)).toBe(text.replace('<https://learn.microsoft.com>', 'https://learn.microsoft.com'));
  });

  it('drops control and invisible characters, keeps line breaks', () => {
    expect(sanitizeMarkdown('a\u0000b\u200Bc\r\nd\te')).toBe('abc\nd  e');
  });

  it('turns markdown into one line of plain text for previews', () => {
    expect(markdownToPlainText('## Title\n- **bold** and [a link](https://x.example)\n- `code`', 100)).toBe(
      'Title bold and a link code',
    );
    expect(markdownToPlainText('word '.repeat(50), 20)).toHaveLength(20);
  });
});

describe('what can be shared', () => {
  it.each([
    ['https://contoso.sharepoint.com/:p:/r/sites/admins/Doc.pptx?d=w1&csf=1', true],
    ['http://intranet.example:8080/page#part', true],
    ['javascript:alert(1)', false],
    ['ftp://files.example/x', false],
    ['https://', false],
    ['https://user@evil.example', false],
    ['https://has space.example', false],
  ])('web address %s → %s', (value, ok) => {
    expect(isWebAddress(value)).toBe(ok);
  });

  it('asks for a link for files and pages, and text for tips and notes, naming the field', () => {
    const missingUrl = shareItemInput.safeParse({ programId: 'p', kind: 'recording', title: 'Talk' });
    expect(missingUrl.success).toBe(false);
    expect(missingUrl.error?.issues.map((i) => i.path.join('.'))).toEqual(['url']);
    const missingBody = shareItemInput.safeParse({ programId: 'p', kind: 'book-note', title: 'Notes' });
    expect(missingBody.error?.issues.map((i) => i.path.join('.'))).toEqual(['body']);
    const onlyHtml = shareItemInput.safeParse({ programId: 'p', kind: 'tip-list', title: 'Tips', body: '<b></b>' });
    expect(onlyHtml.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['body: must not be empty']);
  });

  it('normalises tags and skills: trimmed, lower case, no repeats, at most ten', () => {
    const parsed = shareItemInput.parse({
      programId: 'p',
      kind: 'link',
      title: 'x',
      url: 'https://x.example',
      tags: [' Azure ', 'azure', 'Cloud  Ops'],
    });
    expect(parsed.tags).toEqual(['azure', 'cloud ops']);
    const tooMany = shareItemInput.safeParse({
      programId: 'p',
      kind: 'link',
      title: 'x',
      url: 'https://x.example',
      tags: Array.from({ length: 11 }, (_, i) => `t${i}`),
    });
    expect(tooMany.success).toBe(false);
  });
});
