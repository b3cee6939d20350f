// Bring's register writes postal towns in capitals ("MO I RANA", "BØ I TELEMARK"); people read them
// as place names are written: each word capitalised, the small joining words not.
const JOINING_WORDS = new Set(['i', 'på', 'og', 'ved']);

export function placeName(poststed: string): string {
  return poststed
    .toLocaleLowerCase('nb')
    .split(' ')
    .map((word, index) =>
      index > 0 && JOINING_WORDS.has(word) ? word : word.replace(/(^|-)(\p{L})/gu, (_m, dash: string, letter: string) => dash + letter.toLocaleUpperCase('nb')),
    )
    .join(' ');
}
