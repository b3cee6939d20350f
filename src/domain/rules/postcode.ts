// Norwegian postcodes: four digits. Whether the code exists, and its place name, is the registry's
// lookup (Posten's table changes several times a year), not a rule.

export function isValidPostcode(value: string): boolean {
  return /^\d{4}$/.test(value);
}
