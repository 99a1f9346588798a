"""How often an instance publishes a request again after a write conflict."""

from kooperation.cli.instance import InstanceSettings
from kooperation.cli.instance import MAX_CONFLICT_RETRIES
from kooperation.cli.instance import render_zope_conf


def test_instances_retry_ten_times(tmp_path):
    conf = render_zope_conf(InstanceSettings(instance_dir=tmp_path))
    assert f"max-conflict-retries {MAX_CONFLICT_RETRIES}\n" in conf
    assert MAX_CONFLICT_RETRIES == 10
