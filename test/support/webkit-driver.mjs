// @ts-check
// Starts WebKitWebDriver for WebKitGTK's MiniBrowser, which has no headless mode: with no
// $DISPLAY, an Xvfb of our own first. Both are stopped when this process exits.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A free TCP port on the loopback interface.
 * @returns {Promise<number>}
 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
process.once('exit', () => {
  for (const child of children) child.kill();
});

/**
 * Starts Xvfb on a display it picks itself; resolves with `:N`.
 * @returns {Promise<string>}
 */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const xvfb = spawn(
      'Xvfb',
      ['-displayfd', '1', '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    children.push(xvfb);
    xvfb.once('error', () =>
      reject(
        new Error('Xvfb not found: run `sudo apt-get install xvfb` (WebKit needs a display).'),
      ),
    );
    xvfb.stdout.once('data', (data) => resolve(`:${String(data).trim()}`));
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready`)));
  });
}

/**
 * Starts `driver` (WebKitWebDriver) with the environment the tests pin: English, Bangkok time.
 * @param {string} driver
 * @returns {Promise<{ port: number }>}
 */
export async function startWebKitDriver(driver) {
  const display = process.env.DISPLAY || (await startXvfb());
  const port = await freePort();
  const child = spawn(driver, [`--port=${port}`, '--host=127.0.0.1'], {
    stdio: 'ignore',
    env: {
      ...process.env,
      DISPLAY: display,
      // WebKitGTK takes navigator.languages from these; with C.UTF-8 it says Thai.
      LANG: 'en_US.UTF-8',
      LANGUAGE: 'en_US',
      TZ: 'Asia/Bangkok',
    },
  });
  children.push(child);
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/status`);
      if (answer.ok) return { port };
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null) throw new Error(`${driver} exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${driver} did not answer on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
