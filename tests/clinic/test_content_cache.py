"""Cached content expires on every change, in every process sharing the cache."""

import pytest
from django.core.cache import cache

from acuclinic.clinic.content_cache import VERSION_KEY, bump_content_version, cached, content_version
from acuclinic.settings import cache_from_url


def test_cached_builds_once_per_content_version(db):
    calls = []

    def build():
        calls.append(1)
        return len(calls)

    assert cached("thing", build) == 1
    assert cached("thing", build) == 1
    bump_content_version()
    assert cached("thing", build) == 2


def test_saving_content_bumps_the_version_and_booking_data_would_not(clinic_site):
    before = content_version()
    clinic = clinic_site["clinic"]
    clinic.name = "Harbour Physio"
    clinic.save()
    assert content_version() > before


def test_a_changed_clinic_name_shows_at_once(client, clinic_site):
    assert b"Riverside Acupuncture" in client.get("/").content
    clinic = clinic_site["clinic"]
    clinic.name = "Harbour Physio"
    clinic.save()
    assert b"Harbour Physio" in client.get("/").content


def test_the_version_survives_a_cache_without_it(db):
    cache.delete(VERSION_KEY)
    assert content_version() == content_version() > 0


@pytest.mark.parametrize(
    ("url", "backend"),
    [("redis://127.0.0.1:6379/0", "redis.RedisCache"), ("file:///tmp/x", "filebased.FileBasedCache"),
     ("locmem://a", "locmem.LocMemCache"), ("dummy://", "dummy.DummyCache")],
)  # fmt: skip
def test_cache_urls(url, backend):
    assert cache_from_url(url)["BACKEND"] == f"django.core.cache.backends.{backend}"


def test_the_shared_redis_cache_works():
    import os

    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("ACUCLINIC_REQUIRE_SERVICES"):
            raise
        pytest.skip("no Redis on 127.0.0.1:6379 (CI sets ACUCLINIC_REQUIRE_SERVICES and starts it)")
    from django.core.cache.backends.redis import RedisCache

    shared = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "acuclinic-test"})
    shared.set("k", 1)
    shared.incr("k")
    assert shared.get("k") == 2
    shared.delete("k")
