<?php
// consent-banner: the visitor's consent cookie, sent back by Apache httpd with each page, so
// that Safari keeps it for the banner's cookie-days rather than 7 days (docs/server/safari.md). An "External Rewriting Program" for mod_rewrite
// (consent-refresh.conf: RewriteMap consent_refresh "prg:/usr/bin/php -n ... consent-refresh.php"):
// Apache starts it once, with the server, and asks it one question per page:
//
//   in:  one line, the raw value of the visitor's consent cookie (possibly empty)
//   out: one line, the Set-Cookie value consent_refresh_cookie() of consent.php gives for it
//        (the same value, Path=/, SameSite=Lax, Max-Age the time the choice has left, ...),
//        or NULL, mod_rewrite's "no value": no valid choice, or its time has run out
//
// It answers every line at once, flushed, and never dies on what it reads: anything that goes
// wrong is NULL (and a line on stderr, which is Apache's error log). At EOF (Apache stops) it
// exits.
//
// The banner's settings are the options below; one given on the command line overrides its
// line here (the values are those of the banner's attributes):
//
//   --cookie-days=182             cookie-days (1 to 3650)
//   --revision=0                  revision: a record for an older one gets no cookie
//   --cookie-domain=example.go.th cookie-domain, if the banner has one
//   --cookie-name=consent         cookie-name: the name sent back (read the same one in
//                                 consent-log.conf)
//   --site-categories=necessary,logs,analytics
//                                 every category the banner has, required ones included
//   --secure=false                no `Secure` attribute: only for a site on plain http
//
// A wrong option is written to stderr when the program starts, and then every answer is NULL:
// pages go out as ever, without the cookie.
//
// Try it (a choice made now, then no cookie):
//   printf '%s\n' "1.0.necessary~logs..Qm9vX3JhbmRvbV9pZA.$(date +%s).a" '' |
//     php -n examples/apache/consent-refresh.php

declare(strict_types=1);

// Where consent.php is: next to this file when it is there (both copied to one directory), else
// the package's (this file in node_modules/consent-banner/examples/apache/), else the
// repository's. Or write its path, e.g. '/srv/www/node_modules/consent-banner/dist/consent.php'.
$consentPhp = __DIR__ . '/../../src/server/consent.php';
foreach ([__DIR__ . '/consent.php', __DIR__ . '/../../dist/consent.php'] as $candidate) {
    if (is_file($candidate)) {
        $consentPhp = $candidate;
        break;
    }
}

$options = [
    'cookieDays' => 182,
    'revision' => 0,
    'secure' => true,
    // 'cookieDomain' => 'example.go.th',
    // 'cookieName' => 'consent',
    // 'siteCategories' => ['necessary', 'logs', 'analytics'],
];

// Nothing but the answers may ever reach stdout: PHP's own messages go to stderr.
ini_set('display_errors', 'stderr');
ini_set('log_errors', '0');
error_reporting(E_ALL);

/** Writes one line to stderr (Apache's error log), never throwing. */
function consent_refresh_warn(string $message): void
{
    @fwrite(STDERR, 'consent-refresh.php: ' . $message . "\n");
}

/**
 * The options of the command line ($args: $argv without the program), over $options; null
 * after writing to stderr why, for an argument that is not one of the options above.
 *
 * @param list<string>         $args
 * @param array<string, mixed> $options
 * @return ?array<string, mixed>
 */
function consent_refresh_options(array $args, array $options): ?array
{
    $names = [
        'cookie-days' => 'cookieDays',
        'revision' => 'revision',
        'cookie-domain' => 'cookieDomain',
        'cookie-name' => 'cookieName',
        'site-categories' => 'siteCategories',
        'secure' => 'secure',
    ];
    foreach ($args as $arg) {
        if (preg_match('/^--([a-z-]+)=(.*)$/sD', $arg, $m) !== 1 || !isset($names[$m[1]])) {
            consent_refresh_warn('unknown argument ' . json_encode($arg) . ': the options are --'
                . implode('=..., --', array_keys($names)) . '=...');
            return null;
        }
        [, $name, $value] = $m;
        // As the banner's attribute would read: a number, a list, true or false. Anything else
        // goes to consent_refresh_cookie() as it is, which says what is wrong with it.
        $number = in_array($name, ['cookie-days', 'revision'], true);
        if ($number && preg_match('/^[0-9]{1,9}$/D', $value) === 1) {
            $value = (int) $value;
        } elseif ($name === 'site-categories') {
            $value = $value === '' ? [] : explode(',', $value);
        } elseif ($name === 'secure' && in_array($value, ['true', 'false'], true)) {
            $value = $value === 'true';
        }
        $options[$names[$name]] = $value;
    }
    return $options;
}

/**
 * The answer for one lookup: the Set-Cookie value, or NULL. $options null: the program could
 * not start as it should, and the answer is always NULL.
 *
 * @param ?array<string, mixed> $options
 */
function consent_refresh_answer(string $key, ?array $options): string
{
    if ($options === null || $key === '') {
        return 'NULL';
    }
    try {
        $cookie = consent_refresh_cookie($key, $options);
    } catch (\Throwable $error) {
        consent_refresh_warn(get_class($error) . ': ' . $error->getMessage());
        return 'NULL';
    }
    // One line of printable ASCII, which is all a valid answer ever is: nothing else goes into
    // the response header.
    if ($cookie === null || preg_match('/^[\x21-\x7e][\x20-\x7e]*$/D', $cookie) !== 1) {
        return 'NULL';
    }
    return $cookie;
}

/**
 * The options, when consent.php is there and takes them; otherwise null, after writing to
 * stderr why.
 *
 * @param list<string>         $args
 * @param array<string, mixed> $options
 * @return ?array<string, mixed>
 */
function consent_refresh_start(string $consentPhp, array $args, array $options): ?array
{
    try {
        if (!is_file($consentPhp) || !is_readable($consentPhp)) {
            consent_refresh_warn("cannot read $consentPhp: set \$consentPhp at the top of "
                . __FILE__ . ' to where consent.php is');
            return null;
        }
        require_once $consentPhp;
        if (!function_exists('consent_refresh_cookie')) {
            consent_refresh_warn("$consentPhp has no consent_refresh_cookie(): update it");
            return null;
        }
        $options = consent_refresh_options($args, $options);
        if ($options !== null) {
            // A wrong option throws here, once, rather than on every page.
            consent_refresh_cookie(null, $options);
        }
        return $options;
    } catch (\Throwable $error) {
        consent_refresh_warn(get_class($error) . ': ' . $error->getMessage()
            . ': every page goes out without the cookie');
        return null;
    }
}

$ready = consent_refresh_start($consentPhp, array_slice($argv ?? [], 1), $options);

// One line in, one line out, flushed at once: Apache waits for each answer.
while (($line = fgets(STDIN)) !== false) {
    $answer = 'NULL';
    try {
        $answer = consent_refresh_answer(rtrim($line, "\r\n"), $ready);
    } catch (\Throwable $error) {
        consent_refresh_warn(get_class($error) . ': ' . $error->getMessage());
    }
    fwrite(STDOUT, $answer . "\n");
    fflush(STDOUT);
}
