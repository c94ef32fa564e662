<?php
// Runs src/server/consent.php (and the demo's address helper) over every job of the JSON file
// named on the command line, in one process, and prints the answers as JSON for
// test/server/php.test.mjs to compare with Node. Every warning or notice is an exception, and
// every exception is an answer: {"$throw": class, "message": ...}.
//
// Values are {"s": string} | {"b": base64 bytes} | {"j": any JSON value, objects as arrays}.
// Options are JSON objects (read as arrays) whose values may be markers: {"$date": ms} (a
// DateTimeImmutable), {"$float": n}, {"$nan": 1}, {"$inf": 1}, {"$assoc": {...}} (an array with
// those keys); any other object stays an object, as a JavaScript object is not a list.
declare(strict_types=1);

require __DIR__ . '/strict.php';
require __DIR__ . '/../../../src/server/consent.php';
require __DIR__ . '/../../../src/server/consent.php'; // twice: harmless
require __DIR__ . '/../../../examples/php/log.php';

/** @param mixed $v */
function marker($v)
{
    if (is_array($v)) {
        return array_map('marker', $v);
    }
    if (!$v instanceof stdClass) {
        return $v;
    }
    $fields = get_object_vars($v);
    if (count($fields) === 1) {
        $key = (string) array_key_first($fields);
        $inner = $fields[$key];
        if ($key === '$date') {
            $seconds = intdiv($inner, 1000);
            return DateTimeImmutable::createFromFormat(
                'U.u',
                sprintf('%d.%06d', $seconds, ($inner - $seconds * 1000) * 1000)
            );
        }
        if ($key === '$float') {
            return (float) $inner;
        }
        if ($key === '$nan') {
            return NAN;
        }
        if ($key === '$inf') {
            return INF;
        }
        if ($key === '$assoc') {
            return array_map('marker', get_object_vars($inner));
        }
    }
    $object = new stdClass();
    foreach ($fields as $key => $inner) {
        $object->$key = marker($inner);
    }
    return $object;
}

/** Options: an object becomes the options array; anything else is passed as it is. */
function options($v)
{
    return $v instanceof stdClass ? array_map('marker', get_object_vars($v)) : marker($v);
}

function value(stdClass $v)
{
    if (property_exists($v, 's')) {
        return $v->s;
    }
    if (property_exists($v, 'b')) {
        return base64_decode($v->b, true);
    }
    return json_decode(json_encode($v->j), true);
}

/** What $call returns, or the exception it throws. */
function answer(callable $call)
{
    try {
        return $call();
    } catch (Throwable $e) {
        return ['$throw' => get_class($e), 'message' => $e->getMessage()];
    }
}

$input = json_decode((string) file_get_contents($argv[1]), false, 512, JSON_THROW_ON_ERROR);
$reads = array_map('options', $input->reads);
$grants = array_map(static function (array $g): array {
    return [$g[0], options($g[1])];
}, $input->grants);
$refreshes = array_map('options', $input->refreshes);

$results = [];
foreach ($input->values as $encoded) {
    $v = value($encoded);
    $results[] = [
        array_map(static function ($o) use ($v) {
            return answer(static function () use ($v, $o) {
                return consent_read($v, $o);
            });
        }, $reads),
        array_map(static function (array $g) use ($v) {
            return answer(static function () use ($v, $g) {
                return consent_granted($v, $g[0], $g[1]);
            });
        }, $grants),
        array_map(static function ($o) use ($v) {
            return answer(static function () use ($v, $o) {
                return consent_refresh_cookie($v, $o);
            });
        }, $refreshes),
    ];
}

$functions = [
    'read' => static function ($o) {
        return consent_read('garbage', $o);
    },
    'granted' => static function ($o) {
        return consent_granted('garbage', 'logs', $o);
    },
    'refresh' => static function ($o) {
        return consent_refresh_cookie('garbage', $o);
    },
];
$wrong = [];
foreach ($input->wrong as $case) {
    $o = options($case->options);
    $wrong[] = answer(static function () use ($functions, $case, $o) {
        return $functions[$case->fn]($o);
    });
}

$ips = [];
foreach ($input->ips as $ip) {
    $ips[] = [site_log_address($ip, true), site_log_address($ip, false)];
}

echo json_encode([
    'version' => PHP_VERSION,
    'extensions' => get_loaded_extensions(),
    'results' => $results,
    'wrong' => $wrong,
    'ips' => $ips,
], JSON_THROW_ON_ERROR | JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_SLASHES), "\n";
