// A tiny server-side JSX runtime. Everything is escaped unless it is already SafeHtml, so a
// reporter's text can never become markup. Components are plain functions returning SafeHtml.

export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

type Child = SafeHtml | string | number | boolean | null | undefined | Child[];
type Props = Record<string, unknown> & { children?: Child };
type Component<P = any> = (props: P) => SafeHtml;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Marks trusted markup (our own locale strings with links, never user input). */
export function raw(html: string): SafeHtml {
  return new SafeHtml(html);
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function renderChildren(children: Child, out: string[]): void {
  if (children === null || children === undefined || children === false || children === true) return;
  if (Array.isArray(children)) {
    for (const c of children) renderChildren(c, out);
  } else if (children instanceof SafeHtml) {
    out.push(children.html);
  } else {
    out.push(escapeHtml(String(children)));
  }
}

function renderAttributes(props: Props): string {
  let attrs = '';
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' || value === undefined || value === null || value === false) continue;
    const attrName = name === 'className' ? 'class' : name === 'htmlFor' ? 'for' : name;
    if (!/^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/.test(attrName)) throw new Error(`invalid attribute name ${attrName}`);
    attrs += value === true ? ` ${attrName}` : ` ${attrName}="${escapeHtml(String(value))}"`;
  }
  return attrs;
}

export function h(tag: string | Component, props: Props | null, ...children: Child[]): SafeHtml {
  const allProps: Props = { ...(props ?? {}) };
  if (children.length > 0) allProps.children = children.length === 1 ? children[0] : children;
  if (typeof tag === 'function') return tag(allProps);
  const out: string[] = [`<${tag}${renderAttributes(allProps)}>`];
  if (VOID_ELEMENTS.has(tag)) return new SafeHtml(out[0]!);
  renderChildren(allProps.children, out);
  out.push(`</${tag}>`);
  return new SafeHtml(out.join(''));
}

export function Fragment(props: { children?: Child }): SafeHtml {
  const out: string[] = [];
  renderChildren(props.children, out);
  return new SafeHtml(out.join(''));
}

export function renderDocument(root: SafeHtml): string {
  return `<!doctype html>${root.html}`;
}

declare global {
  namespace JSX {
    type Element = SafeHtml;
    interface ElementChildrenAttribute {
      children: {};
    }
    interface IntrinsicElements {
      [element: string]: Record<string, unknown>;
    }
  }
}
