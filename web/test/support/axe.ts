import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = (require('axe-core') as { source: string }).source;

/** WCAG 2.1 A and AA (issue 19). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Rules axe still marks experimental that these pages must pass too: label in name (WCAG 2.5.3). */
const EXPERIMENTAL_RULES = ['label-content-name-mismatch'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface AxeResult {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * Runs axe-core in `target` (a page or a frame) with the WCAG 2.1 A/AA rules and returns
 * the violations, each with the elements it was found on.
 */
export async function runAxe(target: Page | Frame): Promise<AxeViolation[]> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(AXE_SOURCE);
  const results = await target.evaluate(
    async ({ tags, experimental }) => {
      const { axe } = window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> };
      };
      const rules = Object.fromEntries(experimental.map((id) => [id, { enabled: true }]));
      return (await axe.run(document, { runOnly: { type: 'tag', values: tags }, rules })).violations;
    },
    { tags: WCAG_TAGS, experimental: EXPERIMENTAL_RULES },
  );
  return (results as AxeResult[]).map((result) => ({
    id: result.id,
    impact: result.impact ?? null,
    help: result.help,
    targets: result.nodes.map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`),
  }));
}

/** The violations that block: serious and critical ones. */
export function blocking(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
