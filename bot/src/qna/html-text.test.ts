import { htmlToPlainText } from './html-text';

describe('the plain text of a Teams message', () => {
  it('drops tags, keeps mentions by name and turns paragraphs and breaks into lines', () => {
    expect(
      htmlToPlainText(
        '<p>Hi <at id="0">Fran Facilitator</at>,</p><p>how do you <b>decide</b> what to automate?<br>Thanks!</p>',
      ),
    ).toBe('Hi Fran Facilitator,\n\nhow do you decide what to automate?\nThanks!');
  });

  it('decodes entities once, so what the sender typed as markup stays text', () => {
    expect(htmlToPlainText('<div>a &lt;script&gt; &amp;amp; &quot;b&quot; &#39;c&#39; &#x2713;&nbsp;d</div>')).toBe(
      `a <script> &amp; "b" 'c' ✓ d`,
    );
  });

  it('leaves out attachments, styles and comments, and collapses blank lines and spaces', () => {
    expect(
      htmlToPlainText(
        '<div>One   two</div><attachment id="x">file.pdf</attachment><style>p{}</style><!-- note --><p></p><p></p><p>three</p>',
      ),
    ).toBe('One two\n\nthree');
  });

  it('keeps text bodies as they are, trimmed', () => {
    expect(htmlToPlainText('  a <b> c\r\nd ', 'text')).toBe('a <b> c\nd');
  });
});
