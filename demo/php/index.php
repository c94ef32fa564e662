<?php
// A PHP site whose own access log honours the visitor's "Server log files" choice, and that
// sends the consent cookie back on its pages so that Safari keeps it past 7 days (docs/server/index.md, PHP). After `npm run build`, from the repository root:
//   php -S 127.0.0.1:8000 demo/php/index.php       (LOG=/tmp/access.log to log to a file)
declare(strict_types=1);

// In a site: require_once __DIR__ . '/node_modules/consent-banner/dist/consent.php';
require_once __DIR__ . '/../../src/server/consent.php';
require_once __DIR__ . '/../../examples/php/log.php';

// php -S: the banner's built script file is served as it is.
$path = explode('?', (string) ($_SERVER['REQUEST_URI'] ?? '/'), 2)[0];
if (PHP_SAPI === 'cli-server' && $path === '/dist/consent-banner.iife.js') {
    return false;
}

$site = ['revision' => 1]; // what the page's banner says: data-revision="1"
$cookie = $_COOKIE['consent'] ?? null; // with another cookie-name: $_COOKIE['<that name>']
site_access_log($cookie, $site, getenv('LOG') ?: 'php://stderr');

// The choice as the banner wrote it, for the time it has left. This demo runs on plain http;
// on an https site leave `secure` out (it is true by default).
consent_send_refresh($cookie, $site + ['cookieDays' => 182, 'secure' => false]);

$consent = consent_read($cookie, $site); // the page's el.consent, or null
$logs = consent_granted($cookie, 'logs', $site);
header('Content-Type: text/html; charset=utf-8');
?>
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>consent-banner: a PHP site that honours the log-file choice</title>
    <script src="/dist/consent-banner.iife.js" data-lang="en" data-revision="1"
      data-logs="optional" defer></script>
  </head>
  <body>
    <h1>Server log files, as you chose</h1>
    <p id="choice">
      <?= $consent ? 'Granted: ' . htmlspecialchars(implode(', ', $consent['granted'])) : 'No choice yet' ?>.
      This request was logged <?= $logs ? 'in full' : 'with the address anonymised, the date only' ?>.
    </p>
    <p><button type="button" data-consent-open>Privacy settings</button></p>
  </body>
</html>
