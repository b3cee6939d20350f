// A phone number as people read it ("67 50 47 70"), dialled by a tap on a phone.
import { h, type SafeHtml } from './jsx.ts';

export function PhoneLink(props: { phone: string }): SafeHtml {
  return <a href={`tel:${props.phone.replace(/\s/g, '')}`}>{props.phone}</a>;
}
