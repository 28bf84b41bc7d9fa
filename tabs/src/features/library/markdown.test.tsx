/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { Markdown, safeHref } from './markdown';

function renderMarkdown(source: string) {
  return render(<Markdown source={source} />).container;
}

describe('safe markdown', () => {
  it('renders lists, emphasis, code and headings as elements', () => {
    const root = renderMarkdown(
      '# Week one\n\n- **Write it down**: every fix\n- Ask *before* you `reboot`\n\n1. First\n2. Second',
    );
    expect(screen.getByRole('heading', { level: 4, name: 'Week one' })).toBeTruthy();
    const items = root.querySelectorAll('ul > li');
    expect(items).toHaveLength(2);
    expect(items[0]!.querySelector('strong')?.textContent).toBe('Write it down');
    expect(items[1]!.querySelector('em')?.textContent).toBe('before');
    expect(items[1]!.querySelector('code')?.textContent).toBe('reboot');
    expect(root.querySelectorAll('ol > li')).toHaveLength(2);
  });

  it('opens web links in a new tab without giving the page a handle on the tab', () => {
    renderMarkdown('Read [the escalation guide](https://contoso.sharepoint.com/escalation "Guide") weekly.');
    const link = screen.getByRole('link', { name: 'the escalation guide' });
    expect(link.getAttribute('href')).toBe('https://contoso.sharepoint.com/escalation');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows a <script> as the text typed, never as an element', () => {
    const root = renderMarkdown('Before <script>alert("x")</script> after');
    expect(root.querySelector('script')).toBeNull();
    expect(root.textContent).toBe('Before <script>alert("x")</script> after');
  });

  it('shows an <img onerror> as text and loads no image, not even from markdown image syntax', () => {
    const root = renderMarkdown('<img src=x onerror=alert(1)>\n\n![tracking pixel](https://evil.example/p.gif)');
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('[onerror]')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(screen.getByRole('link', { name: 'Image: tracking pixel' }).getAttribute('href')).toBe(
      'https://evil.example/p.gif',
    );
  });

  it('makes no link of javascript:, data: or disguised script addresses', () => {
    const root = renderMarkdown(
      [
        '[click me](javascript:alert(1))',
        '[upper](JaVaScRiPt:alert(1))',
        '[encoded](&#106;avascript:alert(1))',
        '[data](data:text/html;base64,PHNjcmlwdD4=)',
        '[spaced]( javascript:alert(1))',
        '[vb](vbscript:msgbox)',
      ].join('\n\n'),
    );
    expect(root.querySelectorAll('a')).toHaveLength(0);
    expect(root.querySelectorAll('[href]')).toHaveLength(0);
    expect(root.textContent).toContain('click me');
    expect(root.textContent).not.toContain('click me)');
  });

  it('decodes entities into text only: an encoded tag stays text', () => {
    const root = renderMarkdown('&lt;b onclick=alert(1)&gt;bold&lt;/b&gt; &amp; more');
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toBe('<b onclick=alert(1)>bold</b> & more');
  });

  it('accepts only web and mail addresses as link targets', () => {
    expect(safeHref('https://example.com/a')).toBe('https://example.com/a');
    expect(safeHref('mailto:ada@contoso.example')).toBe('mailto:ada@contoso.example');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('#top')).toBeNull();
  });
});
