// The small parts every section of the report page is built from: a section under its own heading,
// and label–value rows that leave out what the reporter did not give.
import { h, type SafeHtml } from '../../web/jsx.ts';

type Row = [string, SafeHtml | string];

/** Label and value, one row each, as the portal's summary pages show them. */
export function KeyValueTable(props: { rows: Row[] }): SafeHtml {
  return (
    <table class="mp-summary">
      <tbody>
        {props.rows.map(([k, v]) => (
          <tr>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Rows whose value is empty are left out: a caseworker reads what the reporter gave, not blanks. */
export const given = (rows: [string, SafeHtml | string | null | undefined][]): Row[] => rows.filter((r): r is Row => r[1] !== null && r[1] !== undefined && r[1] !== '');

export function Section(props: { id: string; heading: string; children?: unknown }): SafeHtml {
  return (
    <section aria-labelledby={props.id}>
      <h2 class="ds-heading" data-size="sm" id={props.id}>
        {props.heading}
      </h2>
      {props.children as SafeHtml}
    </section>
  );
}
