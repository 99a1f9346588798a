"""The pause before Zope retries a request that lost a write conflict (common.retry)."""

from kooperation.cli.instance import InstanceSettings
from kooperation.cli.instance import MAX_CONFLICT_RETRIES
from kooperation.cli.instance import render_zope_conf
from kooperation.common import retry
from ZPublisher.HTTPRequest import HTTPRequest


def test_the_pause_starts_short_and_doubles_up_to_a_second():
    upper = [retry.pause(n, uniform=lambda low, high: high) for n in range(8)]
    assert upper == [0.05, 0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0]
    assert all(retry.pause(n, uniform=lambda low, high: low) == 0 for n in range(8))
    # ten retries wait at most 6.55 s in all (Zope's own: up to 1023 s)
    assert round(sum(retry.pause(n, uniform=lambda low, high: high) for n in range(10)), 2) == 6.55


def test_zope_uses_it(monkeypatch):
    assert HTTPRequest.delay_retry is retry.delay_retry
    slept = []
    monkeypatch.setattr(retry.time, "sleep", slept.append)
    request = HTTPRequest.__new__(HTTPRequest)
    request.retry_count = 3
    request.delay_retry()
    assert 0 <= slept[0] <= 0.4


def test_instances_retry_ten_times(tmp_path):
    conf = render_zope_conf(InstanceSettings(instance_dir=tmp_path))
    assert f"max-conflict-retries {MAX_CONFLICT_RETRIES}\n" in conf
    assert MAX_CONFLICT_RETRIES == 10
