// Shows the Fiks JSON as the reporter sent it: every field, labelled in Norwegian where we know the
// protocol field, nested objects as sections. Generic on purpose, so a field added to the schema is
// shown rather than silently dropped.
import { h, type SafeHtml } from '../../web/jsx.ts';
import { hasKey, type Translate } from '../../web/i18n.ts';

function label(t: Translate, key: string): string {
  return hasKey(`mottak.fiks.${key}`) ? t(`mottak.fiks.${key}`) : key;
}

function Value(props: { t: Translate; name: string; value: unknown; depth: number }): SafeHtml {
  const { t, value } = props;
  if (value === null || value === undefined) return <span>–</span>;
  if (typeof value === 'boolean') return <span>{t(value ? 'common.yes' : 'common.no')}</span>;
  if (typeof value !== 'object') return <span class="mk-document">{String(value)}</span>;
  if (Array.isArray(value)) {
    return (
      <ol class="ds-list">
        {value.map((item) => (
          <li>
            <Value t={t} name={props.name} value={item} depth={props.depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  return (
    <table class="mp-summary">
      <tbody>
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <tr>
            <th scope="row">{label(t, k)}</th>
            <td>
              <Value t={t} name={k} value={v} depth={props.depth + 1} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FiksDocumentView(props: { t: Translate; document: unknown }): SafeHtml {
  return <Value t={props.t} name="" value={props.document} depth={0} />;
}
