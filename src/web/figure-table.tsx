// The two kinds of table every statistics page draws: a table of counts under a chart (a label column
// and number columns) and a short summary of key figures (a label and one number a row). The portal's
// public page and mottak's manager page share them, so a column heading or a hidden cell looks and
// reads the same everywhere.
import { h, type SafeHtml } from './jsx.ts';

export interface FigureRow {
  /** `data-figure` or `data-label`: what tests and readers of the markup find the row by. */
  key: { 'data-figure': string } | { 'data-label': string };
  /** The row's heading cell: text, or markup such as a link. */
  label: string | SafeHtml;
  /** The code texts SSB publishes in bokmål only are marked as such on a page in another language. */
  labelLang?: string;
  /** The row's number cells, in the order of the columns. */
  cells: SafeHtml[];
}

/**
 * A caption, a heading row (the label column, then the number columns) and one row per figure.
 * `wrap` says what holds the table: nothing, a box that scrolls sideways, or (for tables wide enough
 * to scroll on a phone) a region a keyboard can reach and a screen reader names by the caption.
 */
export function FigureTable(props: { id: string; caption: string; what: string; columns: string[]; rows: FigureRow[]; wrap: 'none' | 'scroll' | 'region' }): SafeHtml {
  const captionId = props.wrap === 'region' ? `${props.id}-caption` : undefined;
  const table = (
    <table class="mk-table" data-table={props.id}>
      <caption id={captionId}>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.what}</th>
          {props.columns.map((c) => (
            <th scope="col" class="mp-number">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr {...r.key}>
            <th scope="row" lang={r.labelLang}>
              {r.label}
            </th>
            {r.cells}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (props.wrap === 'none') return table;
  if (props.wrap === 'scroll') return <div class="mk-table-wrap">{table}</div>;
  return (
    <div class="mk-table-wrap" role="region" tabindex="0" aria-labelledby={captionId}>
      {table}
    </div>
  );
}

/** Key figures: a label and one number a row, no caption (the section's heading names it). */
export function SummaryTable(props: { id: string; rows: { figure: string; label: string; cell: SafeHtml }[] }): SafeHtml {
  return (
    <table class="mp-summary" data-table={props.id}>
      <tbody>
        {props.rows.map((r) => (
          <tr data-figure={r.figure}>
            <th scope="row">{r.label}</th>
            {r.cell}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
