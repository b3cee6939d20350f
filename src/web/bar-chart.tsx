// Bar charts drawn on the server as SVG: no script, the same numbers as the table beside each chart
// (the chart is a picture of the table, named as such for screen readers). A hidden count has no
// bar, only its words ("fewer than 5", "hidden").
import { h, type SafeHtml } from './jsx.ts';
import type { Disclosed } from '../domain/statistics/disclosure.ts';

export interface Bar {
  label: string;
  cell: Disclosed;
}

const WIDTH = 560;
const ROW = 30;
const LABEL = 200;
const VALUE = 96;

/** Horizontal bars, one row each; `describe` is the chart's text alternative. */
export function BarChart(props: { id: string; describe: string; bars: Bar[]; cellText: (d: Disclosed) => string }): SafeHtml {
  const max = Math.max(1, ...props.bars.map((b) => (b.cell.kind === 'shown' ? b.cell.value : 0)));
  const room = WIDTH - LABEL - VALUE;
  const height = props.bars.length * ROW + 8;
  return (
    <svg class="mp-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${props.id}-title`} data-chart={props.id}>
      <title id={`${props.id}-title`}>{props.describe}</title>
      {props.bars.map((bar, i) => {
        const y = i * ROW + 4;
        const length = bar.cell.kind === 'shown' ? Math.round((bar.cell.value / max) * room) : 0;
        return (
          <g data-label={bar.label} data-value={bar.cell.kind === 'shown' ? String(bar.cell.value) : bar.cell.kind}>
            <text class="mp-chart__label" x={LABEL - 8} y={y + ROW / 2} text-anchor="end" dominant-baseline="middle">
              {bar.label}
            </text>
            {length > 0 ? <rect class="mp-chart__bar" x={LABEL} y={y + 4} width={length} height={ROW - 8} /> : null}
            <text class="mp-chart__value" x={LABEL + length + 6} y={y + ROW / 2} dominant-baseline="middle">
              {props.cellText(bar.cell)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
