<?php

/**
 * consent-banner for PHP (docs/server/index.md, "PHP"): the visitor's
 * choice read from the consent cookie by the very rules of the banner and of
 * `consent-banner/server` in Node, so that a PHP site, the page and a Node server always agree
 * on what a value means.
 *
 * One dependency-free file (PHP 7.4 or later, 64-bit; no extension beyond what every PHP has:
 * pcre, date, standard). Shipped as node_modules/consent-banner/dist/consent.php; copy it into
 * the site if it has no node_modules:
 *
 *     require_once __DIR__ . '/node_modules/consent-banner/dist/consent.php';
 *
 *     $site = ['revision' => 3];                           // the banner's revision="3"
 *     $consent = consent_read($_COOKIE['consent'] ?? null, $site); // el.consent, or null
 *     if (consent_granted($_COOKIE['consent'] ?? null, 'logs', $site)) { ... }
 *     consent_send_refresh($_COOKIE['consent'] ?? null, $site);    // before any output
 *
 * Every function takes the cookie VALUE as PHP hands it over in $_COOKIE (already
 * percent-decoded; null when there is none; an array for `consent[x]=...`, which is no choice)
 * and never throws or warns for any value. The options are those of `consent-banner/server`,
 * with the same camelCase keys, so one configuration reads the same in both; a wrong option is
 * a mistake in the site's code, not the visitor's, and throws a \TypeError saying what is
 * wrong (as Node does) instead of reading every visitor as "no choice".
 *
 * Including the file twice is harmless: every function is defined only once.
 */

declare(strict_types=1);

if (!defined('CONSENT_DEFAULT_COOKIE_NAME')) {
    /** The banner's default cookie name (its `cookie-name` attribute). */
    define('CONSENT_DEFAULT_COOKIE_NAME', 'consent');
}

if (!function_exists('consent_fail')) {
    /**
     * Throws the \TypeError of a wrong option.
     *
     * @internal
     * @throws \TypeError always
     */
    function consent_fail(string $problem): void
    {
        throw new \TypeError('consent-banner/consent.php: ' . $problem);
    }
}

if (!function_exists('consent_is_category_id')) {
    /**
     * Whether $value is a category id: `[a-z][a-z0-9_-]*`, at most 40 characters (docs/guide/configuration.md).
     *
     * @internal
     * @param mixed $value
     */
    function consent_is_category_id($value): bool
    {
        return is_string($value) && strlen($value) <= 40
            && preg_match('/^[a-z][a-z0-9_-]*$/D', $value) === 1;
    }
}

if (!function_exists('consent_whole_number')) {
    /**
     * $value as an int when it is a whole number (an int, or a float such as 3.0, as a number
     * in JavaScript) of at most 2^53 - 1 either way; otherwise null.
     *
     * @internal
     * @param mixed $value
     */
    function consent_whole_number($value): ?int
    {
        $max = 9007199254740991; // Number.MAX_SAFE_INTEGER
        if (is_int($value)) {
            return $value >= -$max && $value <= $max ? $value : null;
        }
        if (is_float($value) && is_finite($value) && floor($value) === $value
            && abs($value) <= $max) {
            return (int) $value;
        }
        return null;
    }
}

if (!function_exists('consent_check_options')) {
    /**
     * The cookie options of $options, checked as Node's `checked` checks them: `cookieName`,
     * `revision` and `siteCategories`; $own are the other keys the caller takes. A key given
     * with null is a wrong value, as `null` is in Node (only a missing key is "not given").
     *
     * @internal
     * @param array<array-key, mixed> $options
     * @param list<string>            $own
     * @return array{cookieName: ?string, revision: int, siteCategories: ?list<string>}
     * @throws \TypeError for a wrong option
     */
    function consent_check_options(array $options, array $own = []): array
    {
        $known = array_merge(['cookieName', 'revision', 'siteCategories'], $own);
        foreach (array_keys($options) as $key) {
            $key = (string) $key;
            if (in_array($key, $known, true)) {
                continue;
            }
            consent_fail($key === 'categories'
                ? 'unknown option "categories": the list of the site\'s categories is '
                    . '"siteCategories", and it names every category the banner has, required '
                    . 'ones included, e.g. ["necessary", "logs", "preferences", "analytics"]'
                : 'unknown option "' . $key . '": the options are ' . implode(', ', $known));
        }
        $cookieName = null;
        if (array_key_exists('cookieName', $options)) {
            $cookieName = $options['cookieName'];
            if (!is_string($cookieName) || $cookieName === '') {
                consent_fail("cookieName must be the banner's cookie-name, a non-empty string");
            }
        }
        $revision = 0;
        if (array_key_exists('revision', $options)) {
            $whole = consent_whole_number($options['revision']);
            if ($whole === null || $whole < 0) {
                consent_fail("revision must be a whole number \u{2265} 0, the banner's revision");
            }
            $revision = (int) $whole;
        }
        $site = null;
        if (array_key_exists('siteCategories', $options)) {
            $site = $options['siteCategories'];
            $list = is_array($site)
                && ($site === [] || array_keys($site) === range(0, count($site) - 1));
            if (!$list || count(array_filter($site, 'consent_is_category_id')) !== count($site)) {
                consent_fail('siteCategories must be a list of category ids, '
                    . 'e.g. ["necessary", "logs", "analytics"]');
            }
            if (!in_array('logs', $site, true)) {
                consent_fail('siteCategories must include "logs": every banner has it '
                    . '(required unless logs="optional")');
            }
        }
        return ['cookieName' => $cookieName, 'revision' => $revision, 'siteCategories' => $site];
    }
}

if (!function_exists('consent_decode_record')) {
    /**
     * The record a cookie value holds (docs/reference/cookie.md, format version 1:
     * `1.<revision>.<granted>.<denied>.<id>.<decidedAt>.<method>`), or null for anything that
     * is not a well-formed record of that format. Never throws.
     *
     * @internal
     * @param mixed $value
     * @return ?array{revision: int, granted: list<string>, denied: list<string>, id: string,
     *                decidedAt: int, method: string}
     */
    function consent_decode_record($value): ?array
    {
        // A record is ASCII, so bytes and the banner's UTF-16 characters count alike.
        if (!is_string($value) || strlen($value) > 1024) {
            return null;
        }
        $fields = explode('.', $value);
        if (count($fields) !== 7) {
            return null;
        }
        [$version, $revision, $granted, $denied, $id, $decidedAt, $code] = $fields;
        $methods = ['a' => 'accept-all', 'r' => 'reject-all', 'c' => 'custom', 'g' => 'gpc',
            'p' => 'api'];
        if ($version !== '1'
            || preg_match('/^(0|[1-9][0-9]{0,8})$/D', $revision) !== 1
            || preg_match('/^[A-Za-z0-9_-]{8,64}$/D', $id) !== 1
            || preg_match('/^[1-9][0-9]{0,10}$/D', $decidedAt) !== 1
            || !in_array($code, array_keys($methods), true)) {
            return null;
        }
        $lists = [];
        foreach ([$granted, $denied] as $text) {
            $ids = $text === '' ? [] : explode('~', $text);
            if (count(array_filter($ids, 'consent_is_category_id')) !== count($ids)
                || count(array_unique($ids)) !== count($ids)) {
                return null;
            }
            $lists[] = $ids;
        }
        if (array_intersect($lists[0], $lists[1]) !== []) {
            return null;
        }
        return [
            'revision' => (int) $revision,
            'granted' => $lists[0],
            'denied' => $lists[1],
            'id' => $id,
            'decidedAt' => (int) $decidedAt,
            'method' => $methods[$code],
        ];
    }
}

if (!function_exists('consent_valid_record')) {
    /**
     * The record of $value and the site's category ids when it is the visitor's valid choice
     * at $now (Unix seconds), or null. Node's `validCookie`: the categories are the site's list
     * (with `necessary`) when given, otherwise those the record names, built-in ones in the
     * banner's display order; the record must name exactly them and grant `necessary`; a time
     * more than a day after $now (a visitor's clock may run a little fast) and an older
     * `revision` are no choice. $checked are options from consent_check_options.
     *
     * @internal
     * @param mixed $value
     * @param array{revision: int, siteCategories: ?list<string>} $checked
     * @return ?array{record: array, categories: list<string>}
     */
    function consent_valid_record($value, array $checked, int $now): ?array
    {
        $record = consent_decode_record($value);
        if ($record === null) {
            return null;
        }
        $named = array_merge($record['granted'], $record['denied']);
        if ($checked['siteCategories'] === null) {
            $ids = [];
            foreach (['necessary', 'logs', 'preferences', 'analytics'] as $builtIn) {
                if ($builtIn === 'necessary' || in_array($builtIn, $named, true)) {
                    $ids[] = $builtIn;
                }
            }
            $ids = array_merge($ids, array_diff($named, $ids));
        } else {
            $ids = array_merge(['necessary'], $checked['siteCategories']);
        }
        $categories = array_values(array_unique($ids));
        if (array_diff($named, $categories) !== []
            || array_diff($categories, $named) !== []
            || !in_array('necessary', $record['granted'], true)
            || $record['decidedAt'] > $now + 86400
            || $record['revision'] < $checked['revision']) {
            return null;
        }
        return ['record' => $record, 'categories' => $categories];
    }
}

if (!function_exists('consent_read')) {
    /**
     * The visitor's consent (docs/server/index.md, "PHP"): exactly the
     * state the page sees as `el.consent` and Node's `readConsent` returns, as an array
     *
     *     ['decided' => true, 'categories' => ['necessary' => true, 'logs' => false, ...],
     *      'granted' => ['necessary', ...], 'denied' => ['logs', ...], 'revision' => 3,
     *      'id' => 'Qm9vX3JhbmRvbV9pZA', 'decidedAt' => '2025-11-22T08:26:40.000Z',
     *      'method' => 'custom']
     *
     * (`method`: `accept-all`, `reject-all`, `custom`, `gpc` or `api`), or null when there is
     * no valid choice: no cookie; a value that is not a record of the current format (garbage,
     * truncated, longer than 1,024 characters, another version); `necessary` not granted; a
     * decision time more than a day in the future; with `revision`, a record for an older
     * revision; with `siteCategories`, a record naming a category not in the list or missing
     * one. Never throws or warns for any cookie value.
     *
     * Options (all optional): `revision` (the banner's revision; a record for an older one is
     * null), `siteCategories` (every category the banner has, required ones included, e.g.
     * ['necessary', 'logs', 'analytics']: not the `categories` attribute), `cookieName`
     * (checked, so one configuration serves every function; pick the value with it yourself:
     * $_COOKIE[$site['cookieName']]).
     *
     * @param mixed                   $cookieValue $_COOKIE['consent'] ?? null
     * @param array<string, mixed>    $options
     * @return ?array{decided: bool, categories: array<string, bool>, granted: list<string>,
     *                denied: list<string>, revision: int, id: string, decidedAt: string,
     *                method: string}
     * @throws \TypeError for a wrong option (an unknown key, a revision that is not a whole
     *                    number >= 0, a siteCategories list without "logs", ...)
     */
    function consent_read($cookieValue, array $options = []): ?array
    {
        $found = consent_valid_record($cookieValue, consent_check_options($options), time());
        if ($found === null) {
            return null;
        }
        $record = $found['record'];
        $values = [];
        foreach ($found['categories'] as $id) {
            $values[$id] = in_array($id, $record['granted'], true);
        }
        return [
            'decided' => true,
            'categories' => $values,
            'granted' => array_keys(array_filter($values)),
            'denied' => array_keys($values, false, true),
            'revision' => $record['revision'],
            'id' => $record['id'],
            'decidedAt' => gmdate('Y-m-d\TH:i:s.000\Z', $record['decidedAt']),
            'method' => $record['method'],
        ];
    }
}

if (!function_exists('consent_granted')) {
    /**
     * Whether the visitor granted category $id (docs/server/index.md,
     * "PHP"), as Node's `isGranted`: false without a valid choice (see consent_read) and for an
     * id the record does not name; a required category such as `necessary` is granted whenever
     * a valid record exists. Never throws or warns for any cookie value.
     *
     *     if (consent_granted($_COOKIE['consent'] ?? null, 'logs', $site)) { log the full IP }
     *
     * @param mixed                $cookieValue $_COOKIE['consent'] ?? null
     * @param array<string, mixed> $options     as for consent_read
     * @throws \TypeError for a wrong option
     */
    function consent_granted($cookieValue, string $id, array $options = []): bool
    {
        $state = consent_read($cookieValue, $options);
        return $state !== null && array_key_exists($id, $state['categories'])
            && $state['categories'][$id] === true;
    }
}

if (!function_exists('consent_refresh_cookie')) {
    /**
     * The `Set-Cookie` header value that re-issues the visitor's consent cookie exactly as the
     * banner wrote it (docs/server/index.md, "PHP"; Node's
     * `refreshCookie`), so that Safari, which caps a cookie written by a page's script at 7
     * days, keeps it for the banner's `cookie-days`:
     *
     *     consent=<the same value>; Path=/; SameSite=Lax; Max-Age=<time left>[; Domain=...]; Secure
     *
     * `Max-Age` is the time the choice has left (`cookieDays` from the decision, never more).
     * Null when there is nothing to keep: no valid choice (see consent_read, with the same
     * `revision` and `siteCategories`), or one whose `cookieDays` have run out. Never throws or
     * warns for any cookie value.
     *
     * Options: those of consent_read, `cookieName` (the name to send, default `consent`; a
     * cookie-name token), `cookieDays` (the banner's cookie-days, 1 to 3650, default 182),
     * `cookieDomain` (the banner's cookie-domain, default none: the host only), `secure`
     * (default true; false only on a plain-http site), `now` (the time to count from, an int
     * of Unix seconds or a \DateTimeInterface; default time()).
     *
     * @param mixed                $cookieValue $_COOKIE['consent'] ?? null
     * @param array<string, mixed> $options
     * @throws \TypeError for a wrong option
     */
    function consent_refresh_cookie($cookieValue, array $options = []): ?string
    {
        $own = ['cookieDays', 'cookieDomain', 'secure', 'now'];
        $checked = consent_check_options($options, $own);
        $name = $checked['cookieName'] ?? CONSENT_DEFAULT_COOKIE_NAME;
        if (preg_match('/^[!#$%&\'*+\-.^_`|~0-9A-Za-z]{1,64}$/D', $name) !== 1) {
            consent_fail("cookieName must be a cookie-name token, as the banner's cookie-name: "
                . $name);
        }
        $days = array_key_exists('cookieDays', $options)
            ? consent_whole_number($options['cookieDays']) ?? 0
            : 182;
        if ($days < 1 || $days > 3650) {
            consent_fail("cookieDays must be the banner's cookie-days, a whole number from 1 "
                . 'to 3650');
        }
        $domain = $options['cookieDomain'] ?? null;
        $label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
        if (array_key_exists('cookieDomain', $options)
            && (!is_string($domain)
                || preg_match('/^\.?' . $label . '(?:\.' . $label . ')*$/D', $domain) !== 1)) {
            consent_fail("cookieDomain must be the banner's cookie-domain, a host name such as "
                . 'example.go.th');
        }
        $secure = array_key_exists('secure', $options) ? $options['secure'] : true;
        if (!is_bool($secure)) {
            consent_fail('secure must be true or false');
        }
        $now = array_key_exists('now', $options) ? $options['now'] : time();
        if ($now instanceof \DateTimeInterface) {
            $now = $now->getTimestamp();
        }
        // The range of a JavaScript Date, so that both count alike.
        if (!is_int($now) || abs($now) > 8640000000000) {
            consent_fail('now must be a \DateTimeInterface or an int of Unix seconds, e.g. time()');
        }
        $found = consent_valid_record($cookieValue, $checked, $now);
        // A valid record holds only these characters; nothing else ever goes into the header.
        if ($found === null || preg_match('/^[A-Za-z0-9_.~-]+$/D', $cookieValue) !== 1) {
            return null;
        }
        $left = $found['record']['decidedAt'] + $days * 86400 - $now;
        if ($left <= 0) {
            return null;
        }
        $parts = [$name . '=' . $cookieValue, 'Path=/', 'SameSite=Lax',
            'Max-Age=' . min($left, $days * 86400)];
        if ($domain !== null) {
            $parts[] = 'Domain=' . $domain;
        }
        if ($secure) {
            $parts[] = 'Secure';
        }
        return implode('; ', $parts);
    }
}

if (!function_exists('consent_send_refresh')) {
    /**
     * Sends consent_refresh_cookie()'s header with header('Set-Cookie: ...', false) (docs/server/index.md, "PHP"): call it before any output, on the
     * responses that are pages. True when a cookie was sent; false when there was nothing to
     * keep or the headers were already sent. Never throws or warns for any cookie value.
     *
     *     consent_send_refresh($_COOKIE['consent'] ?? null, ['revision' => 3]);
     *
     * @param mixed                $cookieValue $_COOKIE['consent'] ?? null
     * @param array<string, mixed> $options     as for consent_refresh_cookie
     * @throws \TypeError for a wrong option (even when the headers were already sent)
     */
    function consent_send_refresh($cookieValue, array $options = []): bool
    {
        $cookie = consent_refresh_cookie($cookieValue, $options);
        if ($cookie === null || headers_sent()) {
            return false;
        }
        header('Set-Cookie: ' . $cookie, false);
        return true;
    }
}
