/**
 * Helpers for the flow tests, which drive a whole page of the built IIFE in an iframe (so it can
 * be reloaded): open it, wait for it, click and type in it as a visitor does.
 */
import { sendMouse } from '@web/test-runner-commands';

/** What the test pages record: the gated scripts that ran, and every error. */
export interface PageWindow extends Window {
  ran: string[];
  errors: string[];
}

const frames: HTMLIFrameElement[] = [];

/** Opens `src` in an 800×600 iframe at the top left; resolves once it has loaded. */
export async function openFrame(
  src: string,
  { wait = true }: { wait?: boolean } = {},
): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'position:fixed;top:0;left:0;width:800px;height:600px;border:0';
  frame.title = 'page under test';
  frame.src = src;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  frames.push(frame);
  if (wait) await loaded;
  return frame;
}

export function closeFrames(): void {
  for (const frame of frames.splice(0)) frame.remove();
}

export const windowOf = (frame: HTMLIFrameElement) => frame.contentWindow as PageWindow;

/** Reloads the page in `frame`; resolves once it has loaded again. */
export async function reload(frame: HTMLIFrameElement): Promise<void> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  windowOf(frame).location.reload();
  await loaded;
}

/** A real mouse click in the middle of `el`, an element of the page in `frame`. */
export async function click(frame: HTMLIFrameElement, el: Element): Promise<void> {
  el.scrollIntoView({ block: 'nearest' });
  const outer = frame.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [
      Math.round(outer.left + box.left + box.width / 2),
      Math.round(outer.top + box.top + box.height / 2),
    ],
  });
}

/**
 * Waits until `condition` holds, looking again every 20 ms; after `timeout` ms it fails with
 * `what`, which may say what it saw instead.
 */
export async function until(
  condition: () => boolean,
  what: string | (() => string),
  timeout = 5000,
): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeout)
      throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
