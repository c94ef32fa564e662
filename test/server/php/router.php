<?php
// A router for `php -S` (test/server/php.test.mjs): what PHP itself makes of the request's
// Cookie header ($_COOKIE), and what consent.php reads from it, as JSON. The refreshed cookie
// is sent with consent_send_refresh(), counted from the X-Now header (Unix seconds); with
// ?late=1 only after the response has begun, when no header can be sent any more.
declare(strict_types=1);

require __DIR__ . '/strict.php';
require __DIR__ . '/../../../src/server/consent.php';

$name = (string) ($_SERVER['HTTP_X_COOKIE_NAME'] ?? 'consent');
$value = $_COOKIE[$name] ?? null;
$now = (int) ($_SERVER['HTTP_X_NOW'] ?? time());
$late = isset($_GET['late']);
if ($late) {
    echo "\n"; // no output buffering (php -n): the headers are sent with it
}
$sent = consent_send_refresh($value, ['cookieName' => $name, 'now' => $now]);
if (!$late) {
    header('Content-Type: application/json');
}
echo json_encode([
    'names' => array_map('strval', array_keys($_COOKIE)),
    'type' => gettype($value),
    'state' => consent_read($value),
    'logs' => consent_granted($value, 'logs'),
    'sent' => $sent,
    'headersSent' => headers_sent(),
], JSON_THROW_ON_ERROR | JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_SLASHES);
