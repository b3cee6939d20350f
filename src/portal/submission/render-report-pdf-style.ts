// The look of the report PDF in one place, so the page furniture and the blocks written on it agree.
export const FONT_REGULAR = 'DejaVuSans';
export const FONT_BOLD = 'DejaVuSans-Bold';

export const MARGIN = { top: 56, bottom: 72, left: 56, right: 56 };
export const SIZE = { title: 18, h2: 13.5, h3: 11.5, body: 10.5, footer: 8.5 };
export const COLOR = {
  text: '#1a1a1a',
  muted: '#555555',
  rule: '#8c8c8c',
  urgentFill: '#fdecea',
  urgentBorder: '#b3261e',
  urgentText: '#8c1d18',
  importantFill: '#fff4ce',
  importantBorder: '#8a6100',
} as const;
