"""Hypothesis profiles: deterministic under CI, random locally.

``CI=1 pytest`` (what .ci/run does) uses the ``ci`` profile: ``derandomize=True`` so a lucky
draw never blocks a landing.  Locally the ``dev`` profile explores new examples each run;
``HYPOTHESIS_PROFILE=thorough`` digs deeper.  Every failure found locally becomes an
``@example`` on the test.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=30,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.register_profile("thorough", deadline=None, max_examples=1000)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))
