<?php
// An access log that honours the visitor's "Server log files" choice: one line per request,
// the full address and time with `logs` granted, otherwise the address anonymised (IPv4: last
// octet 0; IPv6: the first 48 bits) and the date only. Needs consent.php loaded first.
//   203.0.113.7 [2025-11-22T03:04:05Z] "GET /" 200 logs=1   (logs granted)
//   203.0.113.0 [2025-11-22] "GET /" 200 logs=0             (refused, or no choice yet)
declare(strict_types=1);

/** The address in canonical form, or anonymised; '-' when it is not an IP address. */
function site_log_address(string $address, bool $full): string
{
    $bytes = inet_pton($address);
    if ($bytes === false) {
        return '-';
    }
    if (substr($bytes, 0, 12) === str_repeat("\0", 10) . "\xff\xff") {
        $bytes = substr($bytes, 12); // IPv4-mapped IPv6 (::ffff:203.0.113.7): the IPv4 client
    }
    if (!$full) {
        $keep = strlen($bytes) === 4 ? 3 : 6;
        $bytes = substr($bytes, 0, $keep) . str_repeat("\0", strlen($bytes) - $keep);
    }
    return (string) inet_ntop($bytes);
}

/** Quotes, backslashes, control and non-ASCII bytes as \xHH, as nginx writes them. */
function site_log_escape(string $text): string
{
    return (string) preg_replace_callback('/[^\x20-\x7e]|["\\\\]/', function (array $m): string {
        return sprintf('\x%02X', ord($m[0]));
    }, $text);
}

/** Writes the request's line to $file once the response is done. */
function site_access_log($cookieValue, array $site, string $file): void
{
    $logs = consent_granted($cookieValue, 'logs', $site);
    $time = (int) ($_SERVER['REQUEST_TIME'] ?? time());
    register_shutdown_function(function () use ($logs, $time, $file): void {
        $line = sprintf(
            '%s [%s] "%s %s" %s logs=%d',
            site_log_address((string) ($_SERVER['REMOTE_ADDR'] ?? ''), $logs),
            $logs ? gmdate('Y-m-d\TH:i:s\Z', $time) : gmdate('Y-m-d', $time),
            site_log_escape(substr((string) ($_SERVER['REQUEST_METHOD'] ?? '-'), 0, 32)),
            site_log_escape(substr((string) ($_SERVER['REQUEST_URI'] ?? '-'), 0, 2048)),
            http_response_code() ?: '-',
            $logs ? 1 : 0
        );
        file_put_contents($file, $line . "\n", FILE_APPEND);
    });
}
