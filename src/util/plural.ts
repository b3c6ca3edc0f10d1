/** A count with its noun in the right number: "1 policy", "3 policies", "0 findings". */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
