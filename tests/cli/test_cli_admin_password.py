"""The admin password comes from ADMIN_PASSWORD or is generated once; never admin:admin."""

from kooperation.cli.main import admin_password

import stat


class TestAdminPassword:
    def test_environment_wins_and_nothing_is_written(self, tmp_path):
        assert admin_password(tmp_path, {"ADMIN_PASSWORD": "s3cret"}) == ("s3cret", False)
        assert not (tmp_path / "admin-password").exists()

    def test_generated_once_and_kept_private(self, tmp_path):
        password, generated = admin_password(tmp_path, {})
        assert generated is True
        assert len(password) >= 16
        assert password != "admin"
        path = tmp_path / "admin-password"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert admin_password(tmp_path, {}) == (password, False)

    def test_each_instance_gets_its_own(self, tmp_path):
        first, _ = admin_password(tmp_path / "a", {})
        second, _ = admin_password(tmp_path / "b", {})
        assert first != second
