<?php
// Imports a competency framework CSV (Weineng's GET /api/micro-abilities/frameworks/{id}/moodle.csv) into the Moodle
// this is run in, with Moodle's own importer (tool_lpimportcsv, the code behind Site administration → Competencies →
// Import competency framework), then prints what Moodle holds: the framework, its scale and its competency tree.
// Run from the Moodle directory as the web server user: php import_competency_csv.php FILE.csv
define('CLI_SCRIPT', true);
require(getcwd() . '/config.php');
require_once($CFG->libdir . '/clilib.php');

use core_competency\api;

$file = $argv[1] ?? null;
if (!$file || !is_readable($file)) {
    cli_error('usage: php import_competency_csv.php FILE.csv');
}
\core\session\manager::set_user(get_admin());

$importer = new \tool_lpimportcsv\framework_importer(file_get_contents($file), 'UTF-8', 'comma');
if ($importer->get_error()) {
    cli_error('Moodle refused the file: ' . $importer->get_error());
}
$framework = $importer->import();

$competencies = api::list_competencies(['competencyframeworkid' => $framework->get('id')]);
$byid = [];
foreach ($competencies as $c) {
    $byid[$c->get('id')] = $c;
}
$depth = function ($c) use (&$depth, $byid) {
    return $c->get('parentid') ? 1 + $depth($byid[$c->get('parentid')]) : 1;
};
$levels = [];
foreach ($competencies as $c) {
    $levels[$depth($c)] = ($levels[$depth($c)] ?? 0) + 1;
}
ksort($levels);
$scale = $framework->get_scale();
echo json_encode([
    'framework' => [
        'id' => $framework->get('id'),
        'idnumber' => $framework->get('idnumber'),
        'shortname' => $framework->get('shortname'),
        'taxonomies' => $framework->get('taxonomies'),
        'scale' => $scale->compact_items(),
        'scaleconfiguration' => json_decode($framework->get('scaleconfiguration')),
    ],
    'competencies' => count($competencies),
    'byDepth' => $levels,
    'sample' => array_values(array_map(fn($c) => $c->get('idnumber') . ' ' . $c->get('shortname'),
        array_filter($competencies, fn($c) => in_array($c->get('idnumber'),
            [$framework->get('idnumber') . '-A1', $framework->get('idnumber') . '-B3', $framework->get('idnumber') . '-1'])))),
], JSON_UNESCAPED_UNICODE | JSON_PRETTY_PRINT) . "\n";
