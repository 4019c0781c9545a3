"""Guides never import discussion: the comment count reaches a guide's JSON-LD through a hook guides offer."""

import ast
from pathlib import Path

import acuclinic.guides
from acuclinic.discussion import threads
from acuclinic.guides import rendering

GUIDES = Path(acuclinic.guides.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_guides_module_imports_discussion():
    offenders = [p.name for p in GUIDES.rglob("*.py") if any("discussion" in m for m in imported_modules(p))]
    assert offenders == []


def test_discussion_registers_the_comment_count_with_the_guides_hook():
    assert threads.add_comment_count in rendering._JSON_LD_EXTENSIONS


def test_a_registered_extension_adds_to_the_structured_data(sciatica, rf):
    def extend(page, data):
        data["x-test"] = page.slug

    rendering.register_json_ld(extend)
    rendering.register_json_ld(extend)  # once per function
    try:
        data = rendering.medical_web_page(sciatica, "https://clinic.example/guides/sciatica/")
        assert data["x-test"] == sciatica.slug and rendering._JSON_LD_EXTENSIONS.count(extend) == 1
    finally:
        rendering._JSON_LD_EXTENSIONS.remove(extend)
