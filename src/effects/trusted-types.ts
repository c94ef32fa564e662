/**
 * The `consent-banner` Trusted Types policy. It only passes on script text and URLs that the
 * host already wrote into its own page (gated `<script type="text/plain">`), never anything
 * from configuration. Without Trusted Types (or when the page's CSP does not allow the policy)
 * strings are used as they are; the browser then decides.
 */
interface Policy {
  createScript(input: string): unknown;
  createScriptURL(input: string): unknown;
}

let policy: Policy | null | undefined;

function getPolicy(): Policy | null {
  if (policy !== undefined) return policy;
  policy = null;
  const factory = (
    globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): Policy } }
  ).trustedTypes;
  try {
    policy =
      factory?.createPolicy('consent-banner', {
        createScript: (s: string) => s,
        createScriptURL: (s: string) => s,
      }) ?? null;
  } catch {
    // The page's CSP does not list `consent-banner` in `trusted-types`.
  }
  return policy;
}

/** Script text as the page's Trusted Types enforcement wants it. */
export const trustedScript = (text: string): string =>
  (getPolicy()?.createScript(text) as string | undefined) ?? text;

export const trustedScriptURL = (url: string): string =>
  (getPolicy()?.createScriptURL(url) as string | undefined) ?? url;
