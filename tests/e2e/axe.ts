import { readFileSync } from 'node:fs';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

// axe-core injected into the page (@axe-core/playwright needs Node 22), checking WCAG 2.0/2.1 A and AA.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const AXE_OPTIONS: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } };

interface Violation {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: { readonly target: string; readonly summary: string | undefined }[];
}

type AxeWindow = Window & { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } };

/** Runs axe-core in the page and returns its violations in a form that prints well. */
async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (options) => {
    const results = await (window as unknown as AxeWindow).axe.run(document, options);
    return results.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
      id,
      impact,
      help,
      helpUrl,
      nodes: nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary })),
    }));
  }, AXE_OPTIONS);
}

function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes.map((n) => `  - ${n.target}\n    ${(n.summary ?? '').replace(/\n/g, '\n    ')}`).join('\n'),
    )
    .join('\n');
}

/** Fails with each violation's rule, help link and failing elements, so a failure is actionable. */
export async function expectNoViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) throw new Error(`axe found violations:\n${describeViolations(violations)}`);
}
