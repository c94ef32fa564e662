/** What the `consent-banner` command's subcommands check alike in their options. */

/**
 * A whole-number option of at most `digits` digits, or `undefined` when it was not given;
 * throws with the option's name.
 */
export function whole(name: string, value: string | undefined, digits: number): number | undefined {
  if (value === undefined) return undefined;
  if (!new RegExp(`^\\d{1,${digits}}$`).test(value))
    throw new Error(`--${name}=${value}: expected a whole number`);
  return Number(value);
}
