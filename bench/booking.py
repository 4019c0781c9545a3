"""Booking throughput and latency: 50 concurrent clients booking through the HTTP API.

    python bench/booking.py [--clients 50] [--seconds 10] [--database-url postgres://postgres@127.0.0.1:5432/acuclinic_bench]

Every client asks for the free slots, then books them one after another; clients overlap on
purpose, so some attempts lose the race (409) as they would at a busy clinic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

from harness import site, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with site(database_url=args.database_url, workers=args.workers) as (base, _env):
        first = (dt.date.today() + dt.timedelta(days=2)).isoformat()
        last = (dt.date.today() + dt.timedelta(days=55)).isoformat()
        query = f"service=physiotherapy-follow-up&practitioner=any&start={first}&end={last}"
        with urllib.request.urlopen(f"{base}/api/v1/availability?{query}") as response:
            offered = json.load(response)["slots"]
        # Keep slots that do not overlap one another (40 minutes apart per practitioner, the follow-up
        # with its buffer): the only conflicts left are the races between the two clients of a sequence.
        slots, last = [], {}
        for slot in offered:
            start = dt.datetime.fromisoformat(slot["start"])
            if slot["practitioner"] not in last or start - last[slot["practitioner"]] >= dt.timedelta(minutes=40):
                slots.append(slot)
                last[slot["practitioner"]] = start
        codes: Counter[int] = Counter()
        latencies: list[float] = []
        lock = threading.Lock()
        stop = time.monotonic() + args.seconds

        def client(index: int) -> None:
            for slot in slots[index :: max(1, args.clients // 2)]:  # two clients share every sequence: real races
                if time.monotonic() > stop:
                    return
                body = json.dumps({
                    "service": "physiotherapy-follow-up", "practitioner": str(slot["practitioner"]), "start": slot["start"],
                    "patient": {"name": f"Client {index}", "email": f"c{index}@example.com", "phone": "416 555 0123", "new_patient": False},
                    "intake": {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
                    "consent": True,
                }).encode()  # fmt: skip
                request = urllib.request.Request(f"{base}/api/v1/appointments", data=body, method="POST",
                                                 headers={"Content-Type": "application/json"})  # fmt: skip
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        code = response.status
                except urllib.error.HTTPError as exc:
                    code = exc.code
                with lock:
                    codes[code] += 1
                    latencies.append((time.perf_counter() - started) * 1000)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        engine = "PostgreSQL" if args.database_url else "SQLite"
        total = sum(codes.values())
        print(f"{engine}, {args.clients} clients, {args.workers} gunicorn workers, {elapsed:.1f} s:")
        print(f"  {total / elapsed:.0f} booking requests/s ({codes[201] / elapsed:.0f} booked/s), {summary(latencies)}")
        print(f"  responses: {dict(sorted(codes.items()))}")


if __name__ == "__main__":
    main()
