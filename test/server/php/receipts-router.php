<?php
// A router for `php -S` (test/server/php-receipts.test.mjs): the receipt endpoint of
// consent-receipts.php at /receipts, on the store named by the CONSENT_RECEIPTS_DSN environment
// variable, with CONSENT_RECEIPTS_USER and CONSENT_RECEIPTS_PASSWORD when it needs them (and
// ORIGINS, comma-separated, for consent_receipts_handle's `origins`).
declare(strict_types=1);

require __DIR__ . '/strict.php';
require __DIR__ . '/../../../src/server/consent-receipts.php';

if (parse_url((string) $_SERVER['REQUEST_URI'], PHP_URL_PATH) !== '/receipts') {
    http_response_code(404);
    return;
}
$origins = getenv('ORIGINS');
consent_receipts_handle(
    consent_receipts_open((string) getenv('CONSENT_RECEIPTS_DSN'),
        getenv('CONSENT_RECEIPTS_USER') ?: null, getenv('CONSENT_RECEIPTS_PASSWORD') ?: null),
    ['origins' => $origins ? explode(',', $origins) : []],
);
