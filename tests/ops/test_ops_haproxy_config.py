"""The HAProxy configuration of the scale-out guide (kooperation.ops.haproxy)."""

from kooperation.cli.main import main
from kooperation.ops.haproxy import render

import pytest
import shutil
import subprocess


def test_every_instance_is_checked_by_its_health_view():
    text = render(["10.0.0.1:8080", "10.0.0.2:8080"], listen="0.0.0.0:80", site_id="netz")
    assert "bind 0.0.0.0:80" in text
    assert "http-check send meth GET uri /netz/@@health" in text
    assert "server zope1 10.0.0.1:8080 check inter 1s fall 2 rise 2" in text
    assert "server zope2 10.0.0.2:8080 check" in text
    # only failed connections are retried: a POST that reached Zope is never sent twice
    assert "retry-on" not in text


@pytest.mark.parametrize("bad", [[], ["nohost"], ["a b:80"], ["host:port"]])
def test_bad_backends(bad):
    with pytest.raises(ValueError):
        render(bad)


def test_the_command_prints_it(capsys):
    main(["haproxy-config", "--backend", "127.0.0.1:8081", "--listen", "127.0.0.1:8000"])
    assert "server zope1 127.0.0.1:8081" in capsys.readouterr().out


@pytest.mark.skipif(not shutil.which("haproxy"), reason="haproxy comes with `make system-deps`")
def test_haproxy_accepts_it(tmp_path):
    cfg = tmp_path / "haproxy.cfg"
    cfg.write_text(render(["127.0.0.1:8081", "127.0.0.1:8082"], listen="127.0.0.1:8000"))
    result = subprocess.run(["haproxy", "-c", "-f", str(cfg)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
