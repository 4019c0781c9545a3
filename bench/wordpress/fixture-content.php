<?php
/*
 * The fixture site's content, on top of the reference article (included by wordpress.php "fixture DIR";
 * DIR holds the files make_fixture.sh generated: treatment-room.png and fees.pdf). Safe to repeat:
 * everything is found by slug or title and updated, and comments are only added to an article without any.
 */
$dir = $argv[3];
require_once ABSPATH . 'wp-admin/includes/image.php';

$reference_id = reference(__DIR__ . '/reference-page.txt', 'acupuncture-for-sciatica');
$news = category('News');

$author = get_user_by('login', 'meilin');
$author_id = $author ? $author->ID : wp_insert_user([
    'user_login' => 'meilin', 'user_pass' => wp_generate_password(24), 'user_email' => 'meilin@clinic.example',
    'display_name' => 'Mei Lin Chen', 'first_name' => 'Mei Lin', 'last_name' => 'Chen', 'role' => 'author',
]);

/* An uploaded file as an attachment, dated like the post it belongs to (uploads/2023/06/...). */
function attach(string $file, string $title, string $when, string $alt = ''): array {
    $name = basename($file);
    $found = get_posts(['post_type' => 'attachment', 'post_status' => 'inherit', 'title' => $title]);
    if ($found) return [$found[0]->ID, wp_get_attachment_url($found[0]->ID)];
    $upload = wp_upload_bits($name, null, file_get_contents($file), substr($when, 0, 7) === '2023-06' ? '2023/06' : null);
    if ($upload['error']) { fwrite(STDERR, $upload['error'] . "\n"); exit(1); }
    $id = wp_insert_attachment([
        'post_title' => $title, 'post_mime_type' => wp_check_filetype($name)['type'], 'post_status' => 'inherit',
        'post_date' => $when, 'post_content' => '', 'post_excerpt' => '',
    ], $upload['file'], 0, true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $upload['file']));
    if ($alt) update_post_meta($id, '_wp_attachment_image_alt', $alt);
    return [$id, $upload['url']];
}
[$image_id, $image_url] = attach("$dir/treatment-room.png", 'Treatment room', '2023-06-02 10:00:00',
                                 'A treatment couch beside a window in a quiet room');
[$pdf_id, $pdf_url] = attach("$dir/fees.pdf", 'Fee schedule', '2023-06-02 10:05:00');

$faq = json_encode(['questions' => [
    ['id' => 'faq-question-1', 'question' => ['Do I need a referral?'], 'answer' => ['No. You can book directly; bring any letters or scan reports you have.'],
     'jsonQuestion' => 'Do I need a referral?', 'jsonAnswer' => 'No. You can book directly; bring any letters or scan reports you have.'],
    ['id' => 'faq-question-2', 'question' => ['How long is a first visit?'], 'answer' => ['About an hour: a conversation, an examination and a first treatment.'],
     'jsonQuestion' => 'How long is a first visit?', 'jsonAnswer' => 'About an hour: a conversation, an examination and a first treatment.'],
]]);
$about = <<<HTML
<!-- wp:heading -->
<h2>Who we are</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>We are a small clinic of registered acupuncturists. Read our <a href="/acupuncture-for-sciatica/">sciatica article</a> to see how we work.</p>
<!-- /wp:paragraph -->

<!-- wp:list -->
<ul><!-- wp:list-item -->
<li>Weekday and Saturday appointments</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Single-use sterile needles</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>The team explained every step before they started.</p>
<!-- /wp:paragraph --><cite>A patient, 2023</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:image {"id":$image_id,"sizeSlug":"full","linkDestination":"none"} -->
<figure class="wp-block-image size-full"><img src="$image_url" alt="A treatment couch beside a window in a quiet room" class="wp-image-$image_id"/><figcaption class="wp-element-caption">Our quieter treatment room</figcaption></figure>
<!-- /wp:image -->

<!-- wp:buttons -->
<div class="wp-block-buttons"><!-- wp:button -->
<div class="wp-block-button"><a class="wp-block-button__link wp-element-button" href="/book/">Book Online</a></div>
<!-- /wp:button --></div>
<!-- /wp:buttons -->

<!-- wp:heading {"level":3} -->
<h3>Fees</h3>
<!-- /wp:heading -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Visit</th><th>Length</th><th>Fee</th></tr></thead><tbody><tr><td>First visit</td><td>60 minutes</td><td>95</td></tr><tr><td>Follow-up</td><td>45 minutes</td><td>75</td></tr></tbody></table></figure>
<!-- /wp:table -->

<!-- wp:file {"id":$pdf_id,"href":"$pdf_url"} -->
<div class="wp-block-file"><a id="wp-block-file--media-fees" href="$pdf_url">Fee schedule (PDF)</a></div>
<!-- /wp:file -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=aqz-KE-bpKQ","type":"video","providerNameSlug":"youtube","responsive":true} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=aqz-KE-bpKQ
</div><figcaption class="wp-element-caption">A short film about the clinic</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:yoast/faq-block $faq -->
<div class="schema-faq wp-block-yoast-faq-block"><div class="schema-faq-section" id="faq-question-1"><strong class="schema-faq-question">Do I need a referral?</strong> <p class="schema-faq-answer">No. You can book directly; bring any letters or scan reports you have.</p> </div><div class="schema-faq-section" id="faq-question-2"><strong class="schema-faq-question">How long is a first visit?</strong> <p class="schema-faq-answer">About an hour: a conversation, an examination and a first treatment.</p> </div></div>
<!-- /wp:yoast/faq-block -->

<!-- wp:html -->
<details class="opening"><summary>Opening hours</summary><p>Monday to Saturday, 9 to 6.</p></details>
<!-- /wp:html -->
HTML;
$about_id = put_post([
    'post_title' => 'About the clinic', 'post_name' => 'about', 'post_type' => 'page', 'post_status' => 'publish',
    'post_content' => $about, 'post_author' => 1, 'post_date' => '2023-06-02 11:00:00', 'comment_status' => 'closed',
]);

$classic = <<<HTML
<p>From <strong>1 December</strong> the clinic opens later on Mondays. Here is what changes:</p>
<ul>
<li>Monday: 11:00 to 19:00</li>
<li>Tuesday to Saturday: unchanged</li>
</ul>
<img class="alignright size-full wp-image-$image_id" src="$image_url" alt="The treatment room in winter light" width="320" height="200" />
<blockquote>Thank you for bearing with us while the heating is replaced.</blockquote>
<h3>Will my Monday appointment move?</h3>
<p>Only if it was before 11:00; we will call you to find a new time.</p>
<h3>Can I still book online?</h3>
<p>Yes, the <a href="http://localhost:8083/about/">booking page</a> already shows the new hours.</p>
HTML;
$classic_id = put_post([
    'post_title' => 'Winter opening hours', 'post_name' => 'winter-opening-hours', 'post_type' => 'post',
    'post_status' => 'publish', 'post_content' => $classic, 'post_author' => $author_id,
    'post_excerpt' => 'Later opening on Mondays from 1 December, and what it means for your booking.',
    'post_category' => [$news], 'post_date' => '2023-11-20 08:30:00', 'comment_status' => 'open',
]);

put_post([
    'post_title' => 'Acupuncture and sleep', 'post_name' => '', 'post_type' => 'post', 'post_status' => 'draft',
    'post_content' => "<!-- wp:paragraph -->\n<p>Notes for a future article on sleep.</p>\n<!-- /wp:paragraph -->",
    'post_author' => $author_id, 'post_category' => [$news], 'post_date' => '2023-12-01 09:00:00',
]);
put_post([
    'post_title' => 'Staff rota', 'post_name' => 'staff-rota', 'post_type' => 'page', 'post_status' => 'private',
    'post_content' => "<!-- wp:paragraph -->\n<p>Who opens on Saturdays: see the shared calendar.</p>\n<!-- /wp:paragraph -->",
    'post_author' => 1, 'post_date' => '2023-06-05 09:00:00',
]);

if (!get_comments(['post_id' => $reference_id, 'count' => true, 'status' => 'all'])
    && !get_comments(['post_id' => $reference_id, 'count' => true, 'status' => 'spam'])
    && !get_comments(['post_id' => $reference_id, 'count' => true, 'status' => 'trash'])) {
    $comment = function (array $c) use ($reference_id) {
        return wp_insert_comment($c + ['comment_post_ID' => $reference_id, 'comment_type' => 'comment',
                                       'comment_author_IP' => '127.0.0.1', 'comment_agent' => 'fixture']);
    };
    $question = $comment(['comment_author' => 'Sam Rivera', 'comment_author_email' => 'sam@reader.example',
        'comment_author_url' => 'https://sam.example/', 'comment_date' => '2023-06-03 18:12:00',
        'comment_content' => "Does the needling at GB30 hurt?\nI am nervous about the first session.", 'comment_approved' => '1']);
    $answer = $comment(['comment_author' => 'Mei Lin Chen', 'comment_author_email' => 'meilin@clinic.example',
        'comment_date' => '2023-06-04 09:01:00', 'comment_parent' => $question, 'user_id' => $author_id,
        'comment_content' => 'Most people feel a dull ache for a moment, then nothing. Tell us and we stop at once.',
        'comment_approved' => '1']);
    $comment(['comment_author' => 'Sam Rivera', 'comment_author_email' => 'sam@reader.example',
        'comment_date' => '2023-06-04 20:40:00', 'comment_parent' => $answer,
        'comment_content' => 'Thank you, that helps.', 'comment_approved' => '1']);
    $comment(['comment_author' => 'Jordan', 'comment_author_email' => 'jordan@reader.example',
        'comment_date' => '2023-06-06 07:15:00', 'comment_content' => 'Do you see patients on Saturdays?',
        'comment_approved' => '0']);
    $comment(['comment_author' => 'Cheap Pills', 'comment_author_email' => 'offers@spam.example',
        'comment_author_url' => 'http://spam.example/pills', 'comment_date' => '2023-06-07 03:00:00',
        'comment_content' => 'Great post! Buy cheap pills at http://spam.example/pills', 'comment_approved' => 'spam']);
    $comment(['comment_author' => 'Alex', 'comment_author_email' => 'alex@reader.example',
        'comment_date' => '2023-06-08 12:00:00', 'comment_content' => 'Posted twice by mistake, sorry.',
        'comment_approved' => 'trash']);
}
if (!get_comments(['post_id' => $classic_id, 'count' => true, 'status' => 'all'])) {
    wp_insert_comment(['comment_post_ID' => $classic_id, 'comment_author' => 'Priya', 'comment_author_email' => 'priya@reader.example',
        'comment_date' => '2023-11-21 10:00:00', 'comment_content' => 'Thanks for the notice.', 'comment_approved' => '1']);
}
echo "fixture: reference $reference_id, about $about_id, winter $classic_id, image $image_id, pdf $pdf_id\n";
