"""The lay-wording corpus is sound test data: real codes, one labelled fault per wrong entry, enough of each."""

import collections

import pytest

from acuclinic.atlas.schema import read_all
from tests.guides.lay_corpus.corpus import CORPORA, FAULTS, load


@pytest.fixture(
    scope="module",
    params=list(CORPORA.values()),
    ids=list(CORPORA),
)
def corpus(request):
    return load(request.param)


def test_every_code_is_an_atlas_point(corpus):
    codes = {p.code for f in read_all() for p in f.points}
    assert sorted({d.code for d in corpus} - codes) == []


def test_wrong_entries_name_one_known_fault_and_correct_ones_none(corpus):
    for d in corpus:
        if d.correct:
            assert d.fault is None, d
        else:
            assert d.fault in FAULTS and not d.trap, d


def test_no_description_appears_twice(corpus):
    # The same words may describe two points (right for SI1, wrong for HT9), but no point twice.
    texts = collections.Counter((d.code, " ".join(d.text.lower().split())) for d in corpus)
    assert [t for t, n in texts.items() if n > 1] == []


def test_the_corpus_is_large_and_covers_every_fault_class_and_channel(corpus):
    correct = [d for d in corpus if d.correct]
    wrong = [d for d in corpus if not d.correct]
    assert len(correct) >= 160 and len(wrong) >= 160
    per_fault = collections.Counter(d.fault for d in wrong)
    assert min(per_fault[f] for f in FAULTS) >= 14, per_fault
    channels = {d.code.rstrip("0123456789") for d in correct}
    for channel in ("LU", "LI", "ST", "SP", "HT", "SI", "BL", "KI", "PC", "TE", "GB", "LR", "GV", "CV"):
        assert channel in channels
    assert sum(d.trap for d in correct) >= 30
