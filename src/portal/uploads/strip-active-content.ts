// What is taken out of each object of an uploaded PDF (decision 019): actions, scripts, embedded
// files and XFA, anything a viewer would run or open by itself, noting each kind for the caseworker.
// Each object is cleaned where it stands; what is no longer reached is dropped by clean-pdf.ts.
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib';
import type { RemovedContent } from '../../domain/report.ts';

const name = (n: string) => PDFName.of(n);
const KEY = {
  subtype: name('Subtype'),
  s: name('S'),
  js: name('JS'),
  a: name('A'),
  next: name('Next'),
  aa: name('AA'),
  openAction: name('OpenAction'),
  javaScript: name('JavaScript'),
  embeddedFiles: name('EmbeddedFiles'),
  ef: name('EF'),
  xfa: name('XFA'),
  needsRendering: name('NeedsRendering'),
  annots: name('Annots'),
};

/** The only action left in place: a jump within the document itself. */
const GO_TO = name('GoTo');

/** What each other action would have done, as the caseworker is told. */
function actionKind(action: PDFDict): RemovedContent {
  const type = action.get(KEY.s);
  if (type === name('JavaScript') || action.has(KEY.js)) return 'javascript';
  if (type === name('URI')) return 'links';
  if (type === name('Rendition') || type === name('Sound') || type === name('Movie') || type === name('RichMediaExecute')) return 'multimedia';
  return 'actions';
}

/** Annotations whose whole point is to play, show or hand over something outside the page. */
const REMOVED_ANNOTATIONS = new Map<PDFName, RemovedContent>([
  [name('FileAttachment'), 'embeddedFiles'],
  [name('RichMedia'), 'multimedia'],
  [name('Screen'), 'multimedia'],
  [name('Movie'), 'multimedia'],
  [name('Sound'), 'multimedia'],
  [name('3D'), 'multimedia'],
]);

/** Cleans one object in place; `removed` gathers the kinds of content taken out. */
export function stripActiveContent(context: PDFContext, object: PDFObject | undefined, removed: Set<RemovedContent>): void {
  if (object instanceof PDFStream) cleanDict(context, object.dict, removed);
  else if (object instanceof PDFDict) cleanDict(context, object, removed);
  else if (object instanceof PDFArray) for (const item of object.asArray()) cleanDirect(context, item, removed);
}

/** Objects held by reference are cleaned on their own turn; only those written in place recurse here. */
function cleanDirect(context: PDFContext, object: PDFObject, removed: Set<RemovedContent>): void {
  if (!(object instanceof PDFRef)) stripActiveContent(context, object, removed);
}

function cleanDict(context: PDFContext, dict: PDFDict, removed: Set<RemovedContent>): void {
  // Document, page, annotation and form-field actions that run on open, close, focus or keystroke.
  for (const key of [KEY.openAction, KEY.aa]) {
    const value = context.lookup(dict.get(key));
    if (value === undefined) continue;
    if (key === KEY.aa && value instanceof PDFDict) {
      for (const action of value.values()) noteAction(context, action, removed);
    } else {
      noteAction(context, value, removed);
    }
    dict.delete(key);
  }
  // The name dictionary's script and file trees, a file specification's embedded file.
  if (dict.delete(KEY.javaScript)) removed.add('javascript');
  if (dict.delete(KEY.embeddedFiles)) removed.add('embeddedFiles');
  if (dict.delete(KEY.ef)) removed.add('embeddedFiles');
  // An XFA form is a program the viewer runs in place of the page; the AcroForm beside it stays.
  if (dict.delete(KEY.xfa)) removed.add('xfa');
  dict.delete(KEY.needsRendering);
  // A link or button's action, and the chain of actions after one: only a jump within the
  // document stays. The link's annotation stays too, inert, and its text on the page.
  for (const key of [KEY.a, KEY.next]) {
    const value = context.lookup(dict.get(key));
    if (value instanceof PDFDict && isAction(value) && value.get(KEY.s) !== GO_TO) {
      noteAction(context, value, removed);
      dict.delete(key);
    } else if (key === KEY.next && value instanceof PDFArray) {
      noteAction(context, value, removed);
      dict.delete(key);
    }
  }
  const annotations = context.lookup(dict.get(KEY.annots));
  if (annotations instanceof PDFArray) {
    for (let i = annotations.size() - 1; i >= 0; i--) {
      const annotation = context.lookup(annotations.get(i));
      const kind = annotation instanceof PDFDict ? REMOVED_ANNOTATIONS.get(annotation.get(KEY.subtype) as PDFName) : undefined;
      if (kind) {
        annotations.remove(i);
        removed.add(kind);
      }
    }
  }
  for (const value of dict.values()) cleanDirect(context, value, removed);
}

function isAction(dict: PDFDict): boolean {
  return dict.has(KEY.s) || dict.has(KEY.js);
}

function noteAction(context: PDFContext, value: PDFObject | undefined, removed: Set<RemovedContent>): void {
  const action = context.lookup(value);
  if (action instanceof PDFArray) {
    // A /Next chain, or an open action that is only a destination (which does nothing to note).
    for (const item of action.asArray()) if (context.lookup(item) instanceof PDFDict) noteAction(context, item, removed);
  } else if (action instanceof PDFDict && isAction(action) && action.get(KEY.s) !== GO_TO) {
    removed.add(actionKind(action));
  }
}
