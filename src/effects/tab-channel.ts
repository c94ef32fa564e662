/**
 * The site's other open tabs (docs/guide/configuration.md "Other tabs"): a `BroadcastChannel` tells them at once
 * that the choice changed, and how. Where the channel is missing (or a tab slept through the
 * message), a tab reads the cookie again when it is shown or focused.
 */
export interface TabChannel {
  /** Tells the other tabs that the choice changed: `message` says how. */
  post(message: unknown): void;
  close(): void;
}

/** `heard` gets each message of another tab, and nothing when this tab is shown or focused. */
export function tabChannel(heard: (message?: unknown) => void): TabChannel {
  const channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel('consent-banner') : null;
  if (channel) channel.onmessage = (event) => heard(event.data);
  const look = () => {
    if (document.visibilityState === 'visible') heard();
  };
  document.addEventListener('visibilitychange', look);
  addEventListener('focus', look);
  return {
    post: (message) => channel?.postMessage(message),
    close() {
      channel?.close();
      document.removeEventListener('visibilitychange', look);
      removeEventListener('focus', look);
    },
  };
}
