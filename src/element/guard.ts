/** What every message of ours starts with. */
export const PREFIX = '[consent-banner]';

/** Nothing we do may throw into the host page (README "Design decisions"). */
export function guard(action: () => void): void {
  try {
    action();
  } catch (error) {
    console.error(PREFIX, error);
  }
}
