"""Import a large WordPress export: 1,000 posts and 20,000 comments, with time and peak memory.

    python bench/import_wordpress.py [--posts 1000] [--comments 20000] [--postgres URL]

Writes a generated export (Gutenberg posts with headings, lists, an image and questions; comments in
every state, a third of them replies) to a temporary folder, migrates an isolated database there (SQLite,
or a PostgreSQL database whose name starts with acuclinic_bench), loads a site tree, and runs
``import_wordpress`` twice in a child process: the first import, then the same file again (everything
unchanged). Wagtail's index updates are queued for db_worker, as in production. Prints the wall time, the CPU time (the machine may be shared) and the child's peak resident memory (getrusage ru_maxrss) of each run.
Target: under 60 s and 300 MB for the first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import PYTHON, ROOT, environment, manage, reset_postgres

STATES = ["1"] * 14 + ["0"] * 3 + ["spam", "trash"]
WORDS = ["needle", "treatment", "session", "pain", "relief", "clinic", "muscle", "back", "knee", "sleep", "posture", "breathing", "stretch", "appointment", "practitioner", "follow-up", "calm", "warmth", "pressure", "channel", "point"]  # fmt: skip


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def post_content(rng: random.Random, n: int) -> str:
    blocks = [
        f"<!-- wp:heading -->\n<h2>Part {n}: what to expect</h2>\n<!-- /wp:heading -->",
        f'<!-- wp:paragraph -->\n<p>{sentence(rng)} {sentence(rng)} <a href="/post-{max(n - 1, 1)}/">Earlier</a>.</p>\n<!-- /wp:paragraph -->',
        "<!-- wp:list -->\n<ul>"
        + "".join(f"<li>{sentence(rng, 6)}</li>" for _ in range(4))
        + "</ul>\n<!-- /wp:list -->",
        f'<!-- wp:image {{"id":{900000 + n % 10}}} -->\n<figure class="wp-block-image"><img src="http://old.example/wp-content/uploads/2024/01/photo-{n % 10}.png" alt="Photo {n % 10}" class="wp-image-{900000 + n % 10}"/></figure>\n<!-- /wp:image -->',
        f'<!-- wp:heading {{"level":3}} -->\n<h3>How long does session {n} take?</h3>\n<!-- /wp:heading -->',
        f"<!-- wp:paragraph -->\n<p>{sentence(rng)}</p>\n<!-- /wp:paragraph -->",
    ]
    return "\n\n".join(blocks)


def write_export(path: Path, posts: int, comments: int, uploads: Path) -> None:
    from PIL import Image

    rng = random.Random(14)
    folder = uploads / "2024" / "01"
    folder.mkdir(parents=True)
    per_post, extra = divmod(comments, posts)
    comment_id = 1
    start = dt.datetime(2020, 1, 1, 9)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                  'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Bench clinic</title>\n'
                  "<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>http://old.example</wp:base_site_url>\n"
                  "<wp:base_blog_url>http://old.example</wp:base_blog_url>\n"
                  "<wp:author><wp:author_login>editor</wp:author_login><wp:author_email>editor@clinic.example</wp:author_email>"
                  "<wp:author_display_name>Editor</wp:author_display_name></wp:author>\n"
                  "<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>news</wp:category_nicename>"
                  "<wp:cat_name>News</wp:cat_name></wp:category>\n")  # fmt: skip
        for n in range(10):
            Image.new("RGB", (320, 200), (40 + n * 20, 120, 160)).save(folder / f"photo-{n}.png")
            out.write(f"<item><title>Photo {n}</title><wp:post_id>{900000 + n}</wp:post_id><wp:post_type>attachment</wp:post_type>"
                      f"<wp:status>inherit</wp:status><wp:attachment_url>http://old.example/wp-content/uploads/2024/01/photo-{n}.png</wp:attachment_url>"
                      f"<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2024/01/photo-{n}.png</wp:meta_value></wp:postmeta></item>\n")  # fmt: skip
        for n in range(1, posts + 1):
            when = start + dt.timedelta(days=n)
            status = "draft" if n % 25 == 0 else "publish"
            out.write(f"<item>\n<title>{escape(f'Clinic note {n}')}</title>\n<link>http://old.example/post-{n}/</link>\n"
                      f"<dc:creator>editor</dc:creator>\n<guid isPermaLink=\"false\">http://old.example/?p={n}</guid>\n"
                      f"<content:encoded>{cdata(post_content(rng, n))}</content:encoded>\n<excerpt:encoded>{cdata(sentence(rng))}</excerpt:encoded>\n"
                      f"<wp:post_id>{n}</wp:post_id>\n<wp:post_date>{when:%Y-%m-%d %H:%M:%S}</wp:post_date>\n"
                      f"<wp:post_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>\n<wp:post_name>post-{n}</wp:post_name>\n"
                      f"<wp:status>{status}</wp:status>\n<wp:post_parent>0</wp:post_parent>\n<wp:post_type>post</wp:post_type>\n"
                      '<category domain="category" nicename="news"><![CDATA[News]]></category>\n')  # fmt: skip
            first = comment_id
            for k in range(per_post + (1 if n <= extra else 0)):
                parent = rng.randrange(first, comment_id) if comment_id > first and k % 3 == 2 else 0
                said = when + dt.timedelta(hours=k + 1)
                out.write(f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>{cdata(f'Reader {comment_id % 700}')}</wp:comment_author>"
                          f"<wp:comment_author_email>reader{comment_id % 700}@example.org</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>"
                          f"<wp:comment_date>{said:%Y-%m-%d %H:%M:%S}</wp:comment_date><wp:comment_date_gmt>{said:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>"
                          f"<wp:comment_content>{cdata(sentence(rng, 20))}</wp:comment_content><wp:comment_approved>{rng.choice(STATES)}</wp:comment_approved>"
                          f"<wp:comment_type>comment</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n")  # fmt: skip
                comment_id += 1
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")


def child(export: str, uploads: str) -> None:
    """Run inside the isolated environment: one import, then print its time and peak memory as JSON."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acuclinic.settings")
    django.setup()
    from acuclinic.wordpress.services import import_wordpress

    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    began = time.perf_counter()
    report = import_wordpress(export, uploads=uploads)
    seconds = time.perf_counter() - began
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = usage.ru_maxrss / 1024
    counts = {f"{kind} {action}": n for (kind, action), n in sorted(report.counts.items())}
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "counts": counts}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--postgres", metavar="URL", help="postgres://…/acuclinic_bench… instead of SQLite")
    parser.add_argument("--child", nargs=2, metavar=("EXPORT", "UPLOADS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="acuclinic-wp-bench-") as tmp:
        folder = Path(tmp)
        export, uploads = folder / "export.xml", folder / "uploads"
        write_export(export, args.posts, args.comments, uploads)
        print(f"export: {args.posts} posts, {args.comments} comments, {export.stat().st_size / 1e6:.1f} MB", flush=True)
        if args.postgres:
            reset_postgres(args.postgres)
        env = environment(folder / "var", args.postgres)
        # As in production: Wagtail's search-index and reference-index updates are queued for db_worker
        # (the harness runs tasks inline, which would time them inside the import).
        env["TASKS_BACKEND"] = "database"
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")  # a site tree to import into (start_clinic builds the same for a real clinic)
        for run in ("first import", "second import (unchanged)"):
            result = subprocess.run(
                [PYTHON, __file__, "--child", str(export), str(uploads)], cwd=ROOT, env=env, capture_output=True,
                text=True, check=False,
            )  # fmt: skip
            if result.returncode:
                raise SystemExit(result.stderr[-3000:])
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"{run}: {figures['seconds']:.1f} s ({figures['cpu']:.1f} s of CPU), peak memory {figures['peak_mb']:.0f} MB",
                flush=True,
            )
            print("  " + ", ".join(f"{k}: {v}" for k, v in figures["counts"].items()), flush=True)


if __name__ == "__main__":
    main()
