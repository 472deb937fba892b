/**
 * The walk as a user drives it: the toolbar's walk form, and the packet-walk panel's verdict and
 * numbered hop list (read through the DOM only: data-testid, data-kind, the "Reply" divider).
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface HopSummary {
  readonly index: number;
  readonly kind: string;
  readonly direction: 'request' | 'reply';
  readonly text: string;
}

export class TracePanel {
  constructor(readonly page: Page) {}

  get verdict(): Locator {
    return this.page.getByTestId('trace.verdict');
  }

  get detail(): Locator {
    return this.page.getByTestId('trace.hop.detail');
  }

  get rule(): Locator {
    return this.page.getByTestId('trace.hop.rule');
  }

  hop(index: number): Locator {
    return this.page.getByTestId(`trace.hop.${index}`);
  }

  /** Fills the toolbar's walk form and presses Walk. */
  async walk(from: string, to: string, opts: { port?: number; node?: string } = {}): Promise<void> {
    const p = this.page;
    await p.getByTestId('walk.from').fill(from);
    await p.getByTestId('walk.to').fill(to);
    await p.getByTestId('walk.port').fill(opts.port === undefined ? '' : String(opts.port));
    if (opts.node !== undefined) await p.getByTestId('walk.node').selectOption(opts.node);
    await p.getByTestId('walk.run').click();
    await expect(this.verdict).toBeVisible();
  }

  /** Every hop in list order, with its direction (hops after the "Reply" divider are replies). */
  async hops(): Promise<HopSummary[]> {
    await expect(this.page.getByTestId('trace.hops')).toBeVisible();
    return this.page.getByTestId('trace.hops').evaluate((ol) => {
      const out: { index: number; kind: string; direction: 'request' | 'reply'; text: string }[] =
        [];
      let reply = false;
      for (const li of Array.from(ol.querySelectorAll('li'))) {
        if (li.getAttribute('role') === 'presentation') {
          reply = true;
          continue;
        }
        const id = li.getAttribute('data-testid') ?? '';
        const kind = li.getAttribute('data-kind');
        if (!kind || !/^trace\.hop\.\d+$/.test(id)) continue;
        out.push({
          index: Number(id.slice('trace.hop.'.length)),
          kind,
          direction: reply ? 'reply' : 'request',
          text: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
        });
      }
      return out;
    });
  }

  /** Makes hop `index` the current one (as a click in the list does) and returns its summary. */
  async select(index: number): Promise<void> {
    await this.hop(index).click();
    await expect(this.hop(index)).toHaveAttribute('aria-selected', 'true');
  }

  /** Selects the n-th hop of this kind (and direction, if given); fails when there is none. */
  async selectKind(
    kind: string,
    opts: { direction?: 'request' | 'reply'; nth?: number } = {},
  ): Promise<HopSummary> {
    const all = await this.hops();
    const matching = all.filter(
      (h) => h.kind === kind && (!opts.direction || h.direction === opts.direction),
    );
    const h = matching[opts.nth ?? 0];
    expect(
      h,
      `a ${opts.direction ?? ''} '${kind}' hop in: ${all.map((x) => x.kind).join(',')}`,
    ).toBeDefined();
    await this.select(h!.index);
    return h!;
  }

  /** The packet header fields of the current hop, as they are after the hop ("a → b" gives b). */
  async fields(): Promise<Record<string, string>> {
    return this.detail.locator('dl').evaluate((dl) => {
      const out: Record<string, string> = {};
      const dts = Array.from(dl.querySelectorAll('dt'));
      for (const dt of dts) {
        const dd = dt.nextElementSibling;
        const text = (dd?.textContent ?? '').replace(/\s+/g, ' ').trim();
        const parts = text.split(' → ');
        out[(dt.textContent ?? '').trim()] = parts[parts.length - 1] ?? '';
      }
      return out;
    });
  }
}
