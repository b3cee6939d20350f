// Bar charts drawn on the server: no script, the same numbers as the table under each chart (the
// chart is a picture of the table, named as such for screen readers). A hidden count has no bar, only
// its words ("fewer than 5", "hidden").
//
// Labels and numbers are HTML text, not SVG text: a chart scaled to its column made them 9 px on a
// phone and 31 px in mottak's wide column. As text they are the page's size at every width, wrap by
// their real width, and follow the reader's font size; the stylesheet puts each label beside its bar
// where there is room, and a long one above its bar on a phone. Only the bar is drawn: an SVG as wide
// as its share (a percentage attribute, since the CSP allows no inline style).
import { h, type SafeHtml } from './jsx.ts';
import type { Disclosed } from '../domain/statistics/disclosure.ts';

export interface Bar {
  label: string;
  cell: Disclosed;
}

/** The longest bar, in percent of the room beside the labels: the rest is for its number. */
const LONGEST = 70;
/** Labels this short (months, counties, municipalities, "Smaller municipalities (12)") stay beside their bars on a phone too. */
const SHORT_LABEL = 26;

/** Horizontal bars, one row each; `describe` is the chart's text alternative. */
export function BarChart(props: { id: string; describe: string; bars: Bar[]; cellText: (d: Disclosed) => string }): SafeHtml {
  const max = Math.max(1, ...props.bars.map((b) => (b.cell.kind === 'shown' ? b.cell.value : 0)));
  return (
    <div class={props.bars.every((b) => b.label.length <= SHORT_LABEL) ? 'mp-chart mp-chart--short-labels' : 'mp-chart'} role="img" aria-label={props.describe} data-chart={props.id}>
      {props.bars.map((bar) => {
        const length = bar.cell.kind === 'shown' ? Math.round((bar.cell.value / max) * LONGEST * 10) / 10 : 0;
        return (
          <div class="mp-chart__row" data-label={bar.label} data-value={bar.cell.kind === 'shown' ? String(bar.cell.value) : bar.cell.kind}>
            <span class="mp-chart__label">{bar.label}</span>
            <span class="mp-chart__track">
              {length > 0 ? (
                <svg class="mp-chart__bar" width={`${length}%`} height="14">
                  <rect width="100%" height="100%" />
                </svg>
              ) : null}
              <span class={bar.cell.kind === 'shown' ? 'mp-chart__value' : 'mp-chart__value mp-number--hidden'}>{props.cellText(bar.cell)}</span>
            </span>
          </div>
        );
      })}
    </div>
  );
}
