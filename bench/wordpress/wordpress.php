<?php
/*
 * Drives Debian's WordPress from the command line (run as www-data by install.sh and make_fixture.sh):
 *
 *   php wordpress.php install   HOST:PORT TITLE        install WordPress once (admin user, /%postname%/)
 *   php wordpress.php reference HOST:PORT TEXT SLUG    the reference article from its plain text, as blocks
 *   php wordpress.php fixture   HOST:PORT DIR          the fixture's extra posts, pages, comments, image
 *   php wordpress.php export    HOST:PORT              WordPress's own exporter (export_wp) to stdout
 *
 * HOST:PORT selects the site: Debian's wp-config.php reads /etc/wordpress/config-HOST.php.
 */
[$self, $command, $site] = array_pad($argv, 3, null);
[$host, $port] = explode(':', $site);
$_SERVER += ['HTTP_HOST' => $site, 'SERVER_NAME' => $host, 'SERVER_PORT' => $port,
             'REQUEST_URI' => '/', 'REQUEST_METHOD' => 'GET'];

if ($command === 'install') {
    define('WP_INSTALLING', true);
    require '/usr/share/wordpress/wp-load.php';
    function wp_new_blog_notification() {}   // pluggable: a benchmark box sends no mail
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    if (!is_blog_installed()) {
        wp_install($argv[3], 'admin', 'admin@example.com', true, '', wp_generate_password(24));
        echo "installed WordPress ", get_bloginfo('version'), " at $site\n";
    }
    exit(0);
}

require '/usr/share/wordpress/wp-load.php';
wp_set_current_user(1);
if (get_option('permalink_structure') !== '/%postname%/') {
    global $wp_rewrite;
    $wp_rewrite->set_permalink_structure('/%postname%/');
    flush_rewrite_rules(false);
}
update_option('default_comment_status', 'open');
foreach (['hello-world' => 'post', 'sample-page' => 'page'] as $stock => $type) {   // WordPress's samples
    if ($p = get_page_by_path($stock, OBJECT, $type)) wp_delete_post($p->ID, true);
}

function category(string $name): int {
    $term = term_exists($name, 'category') ?: wp_insert_term($name, 'category');
    if (is_wp_error($term)) { fwrite(STDERR, $term->get_error_message() . "\n"); exit(1); }
    return (int) $term['term_id'];
}

/* Create or update a post by slug and type; returns its id. */
function put_post(array $post): int {
    $existing = get_page_by_path($post['post_name'], OBJECT, $post['post_type']);
    if (!$existing && $post['post_status'] === 'draft') {   // drafts keep no post_name: look by title
        $found = get_posts(['post_type' => $post['post_type'], 'post_status' => 'any', 'title' => $post['post_title']]);
        $existing = $found[0] ?? null;
    }
    $id = $existing ? wp_update_post(wp_slash($post + ['ID' => $existing->ID]), true)
                    : wp_insert_post(wp_slash($post), true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    return $id;
}

/* The reference article's plain text as block markup: the first line is the title; "• x" lines the
 * breadcrumb; "N. x" lines an ordered list; "Title: x" and short lines ending in ":" are headings,
 * short lines ending in "?" the FAQ's questions; WordPress prints its own comment form. */
function reference_blocks(string $text): string {
    $esc = fn($s) => htmlspecialchars($s, ENT_NOQUOTES, 'UTF-8');
    $blocks = []; $items = []; $crumbs = [];
    $lines = preg_split('/\R/u', $text);
    array_shift($lines);
    $close_list = function () use (&$blocks, &$items, $esc) {
        if (!$items) return;
        $li = array_map(fn($t) => "<!-- wp:list-item -->\n<li>{$esc($t)}</li>\n<!-- /wp:list-item -->", $items);
        $blocks[] = "<!-- wp:list {\"ordered\":true} -->\n<ol>" . implode("\n", $li) . "</ol>\n<!-- /wp:list -->";
        $items = [];
    };
    foreach ($lines as $line) {
        $line = trim($line, " \t\u{00A0}");
        if ($line === '') continue;
        if (preg_match('/^•\s*(.*)$/u', $line, $m)) { $crumbs[] = $m[1]; continue; }
        if ($crumbs) { $blocks[] = "<!-- wp:paragraph -->\n<p>" . $esc(implode(' ', $crumbs)) . "</p>\n<!-- /wp:paragraph -->"; $crumbs = []; }
        if (preg_match('/^\d+\.\s+(.*)$/u', $line, $m)) { $items[] = $m[1]; continue; }
        $close_list();
        if ($line === 'Leave a Reply' || str_starts_with($line, 'Your email address will not be published')) continue;
        $short = mb_strlen($line) <= 90;
        if (str_starts_with($line, 'Title: ') || ($short && str_ends_with($line, ':'))) {
            $blocks[] = "<!-- wp:heading -->\n<h2>{$esc($line)}</h2>\n<!-- /wp:heading -->";
        } elseif ($short && str_ends_with($line, '?')) {
            $blocks[] = "<!-- wp:heading {\"level\":3} -->\n<h3>{$esc($line)}</h3>\n<!-- /wp:heading -->";
        } else {
            $blocks[] = "<!-- wp:paragraph -->\n<p>{$esc($line)}</p>\n<!-- /wp:paragraph -->";
        }
    }
    $close_list();
    return implode("\n\n", $blocks) . "\n";
}

function reference(string $text_file, string $slug): int {
    return put_post([
        'post_title' => 'Acupuncture for Sciatica', 'post_name' => $slug, 'post_type' => 'post',
        'post_status' => 'publish', 'post_content' => reference_blocks(file_get_contents($text_file)),
        'post_author' => 1, 'post_category' => [category('Acupoints')], 'comment_status' => 'open',
        'ping_status' => 'closed', 'post_date' => '2023-05-31 09:00:00',
    ]);
}

if ($command === 'reference') {
    $id = reference($argv[3], $argv[4]);
    echo "reference article: post $id at ", get_permalink($id), "\n";
    exit(0);
}

if ($command === 'fixture') {
    require __DIR__ . '/fixture-content.php';
    exit(0);
}

if ($command === 'export') {
    require_once ABSPATH . 'wp-admin/includes/export.php';
    add_filter('wxr_export_skip_postmeta', fn($skip, $key) => $skip || $key === '_edit_lock', 10, 2);
    export_wp(['content' => 'all']);
    exit(0);
}
fwrite(STDERR, "usage: php wordpress.php install|reference|fixture|export HOST:PORT ...\n");
exit(2);
