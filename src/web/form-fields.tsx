// Form controls in Designsystemet markup. Every control gets its error inline and is linked from the
// error summary by id; descriptions and errors are wired with aria-describedby.
import { h, Fragment, type SafeHtml } from './jsx.ts';
import type { FieldError } from './layout.tsx';

function errorFor(errors: FieldError[] | undefined, id: string): string | undefined {
  return errors?.find((e) => e.field === id)?.message;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

interface TextFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  description?: string;
  errors?: FieldError[];
  type?: 'text' | 'tel' | 'email' | 'date' | 'number';
  autocomplete?: string;
  inputmode?: string;
  width?: 'short' | 'medium';
  multiline?: boolean;
  rows?: number;
  maxlength?: number;
  required?: boolean;
  /** Suggestions the browser offers as the person types (a <datalist>); any other text is allowed too. */
  suggestions?: { id: string; values: readonly string[] };
  /**
   * A long text's limit, in characters as the reader counts them: `hint` says it (no script needed),
   * and with script a count of what is left appears under the field (`remaining`, `over`: texts with
   * {count}). The field itself never cuts a pasted text short: the server says when it is too long.
   */
  limit?: { max: number; hint: string; remaining: string; over: string };
}

/**
 * The label, description and inline error around one control, with the ids the control must point
 * to in aria-describedby. TextField and SelectField differ only in the control.
 */
function SingleField(p: {
  id: string;
  label: string;
  description?: string;
  errors?: FieldError[];
  /** Shown right under the control (a character count). */
  after?: SafeHtml;
  control: (aria: { 'aria-describedby'?: string; 'aria-invalid'?: string }) => SafeHtml;
}): SafeHtml {
  const error = errorFor(p.errors, p.id);
  const descId = p.description ? `${p.id}-description` : undefined;
  const errId = error ? `${p.id}-error` : undefined;
  return (
    <div class="ds-field">
      <label class="ds-label" for={p.id}>
        {p.label}
      </label>
      {p.description ? (
        <div data-field="description" id={descId}>
          {p.description}
        </div>
      ) : null}
      {p.control({ 'aria-describedby': describedBy(descId, errId), 'aria-invalid': error ? 'true' : undefined })}
      {p.after ?? null}
      {error ? (
        <div class="ds-validation-message" data-field="validation" id={errId}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function TextField(p: TextFieldProps): SafeHtml {
  return (
    <SingleField
      id={p.id}
      label={p.label}
      description={p.limit ? [p.description, p.limit.hint].filter(Boolean).join(' ') : p.description}
      errors={p.errors}
      after={
        p.limit ? <p class="ds-paragraph mp-counter" data-size="sm" id={`${p.id}-counter`} data-counter-for={p.id} data-max={String(p.limit.max)} data-remaining={p.limit.remaining} data-over={p.limit.over} hidden></p> : undefined
      }
      control={(aria) => {
        const common = {
          id: p.id,
          name: p.name,
          class: `ds-input${p.width ? ` mp-input--${p.width}` : ''}`,
          ...aria,
          autocomplete: p.autocomplete,
          maxlength: p.maxlength,
        };
        return p.multiline ? (
          <textarea {...common} rows={String(p.rows ?? 6)}>
            {p.value}
          </textarea>
        ) : (
          <>
            <input {...common} type={p.type ?? 'text'} value={p.value} inputmode={p.inputmode} spellcheck={p.autocomplete && p.autocomplete !== 'off' ? 'false' : undefined} list={p.suggestions?.id} />
            {p.suggestions ? (
              <datalist id={p.suggestions.id}>
                {p.suggestions.values.map((value) => (
                  <option value={value}></option>
                ))}
              </datalist>
            ) : null}
          </>
        );
      }}
    />
  );
}

export interface Choice {
  value: string;
  label: string;
  description?: string;
}

interface ChoiceGroupProps {
  /** The id of the first option; the error summary links here. */
  id: string;
  name: string;
  legend: string;
  description?: string;
  choices: Choice[];
  selected: string[];
  type: 'radio' | 'checkbox';
  errors?: FieldError[];
  legendAsHeading?: boolean;
}

export function ChoiceGroup(p: ChoiceGroupProps): SafeHtml {
  const error = errorFor(p.errors, p.id);
  const descId = p.description ? `${p.id}-description` : undefined;
  const errId = error ? `${p.id}-error` : undefined;
  return (
    <fieldset class="ds-fieldset" aria-describedby={describedBy(descId, errId)}>
      <legend class={p.legendAsHeading ? 'ds-heading mp-legend--heading' : 'ds-label'}>{p.legend}</legend>
      {p.description ? (
        <p class="ds-paragraph" data-field="description" id={descId}>
          {p.description}
        </p>
      ) : null}
      {error ? (
        <div class="ds-validation-message" data-field="validation" id={errId}>
          {error}
        </div>
      ) : null}
      {p.choices.map((c, i) => {
        const inputId = i === 0 ? p.id : `${p.id}-${i}`;
        const cDescId = c.description ? `${inputId}-description` : undefined;
        return (
          <div class="ds-field">
            <input
              class="ds-input"
              type={p.type}
              id={inputId}
              name={p.name}
              value={c.value}
              checked={p.selected.includes(c.value)}
              aria-describedby={cDescId}
              aria-invalid={error ? 'true' : undefined}
            />
            <label class="ds-label" data-weight="regular" for={inputId}>
              {c.label}
            </label>
            {c.description ? (
              <div data-field="description" id={cDescId}>
                {c.description}
              </div>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}

export function SelectField(p: { id: string; name: string; label: string; options: Choice[]; selected: string; description?: string; errors?: FieldError[] }): SafeHtml {
  return (
    <SingleField
      id={p.id}
      label={p.label}
      description={p.description}
      errors={p.errors}
      control={(aria) => (
        <select class="ds-input" id={p.id} name={p.name} {...aria}>
          {p.options.map((o) => (
            <option value={o.value} selected={o.value === p.selected}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** `form`: the id of the form it submits, when the button stands outside it. */
export function SubmitButton(p: { label: string; name?: string; value?: string; variant?: 'primary' | 'secondary' | 'tertiary'; form?: string }): SafeHtml {
  return (
    <button type="submit" class="ds-button" data-variant={p.variant ?? 'primary'} name={p.name} value={p.value} form={p.form}>
      {p.label}
    </button>
  );
}

export { Fragment };
