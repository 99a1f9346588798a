"""zope.conf for each storage is valid for Zope's own configuration schema."""

from kooperation.cli.instance import InstanceSettings
from kooperation.cli.instance import render_zope_conf
from kooperation.cli.instance import write_instance
from Zope2.Startup.options import ZopeWSGIOptions

import pytest


def load(settings):
    """Write the instance and read its zope.conf as Zope does at start-up."""
    zope_conf = write_instance(settings)
    return ZopeWSGIOptions(configfile=str(zope_conf))().configroot


class TestRenderZopeConf:
    def test_filestorage_default(self, tmp_path):
        settings = InstanceSettings.from_environ(tmp_path, environ={})
        assert settings.storage == "filestorage"
        config = load(settings)
        (db,) = config.databases
        assert db.config.mount_points == ["/"]
        storage = db.config.storage.config
        assert storage.blob_dir == f"{tmp_path}/var/blobstorage"
        assert storage.base.config.path == f"{tmp_path}/var/filestorage/Data.fs"
        assert config.instancehome == str(tmp_path)

    def test_relstorage_history_free_with_blob_cache(self, tmp_path):
        dsn = "host=127.0.0.1 port=5432 dbname=netz user=postgres"
        settings = InstanceSettings.from_environ(
            tmp_path, environ={"STORAGE": "relstorage", "RELSTORAGE_DSN": dsn}
        )
        config = load(settings)
        storage = config.databases[0].config.storage.config
        assert storage.keep_history is False
        assert storage.shared_blob_dir is False
        assert storage.blob_dir == f"{tmp_path}/var/blobcache"
        assert storage.adapter.config.dsn == dsn

    def test_zeo_client(self, tmp_path):
        settings = InstanceSettings.from_environ(
            tmp_path, environ={"STORAGE": "zeo", "ZEO_ADDRESS": "127.0.0.1:8999"}
        )
        config = load(settings)
        storage = config.databases[0].config.storage.config
        assert storage.server[0].address == ("127.0.0.1", 8999)
        assert storage.shared_blob_dir is False
        assert storage.server_sync is True

    def test_debug_mode_from_environment(self, tmp_path):
        settings = InstanceSettings.from_environ(tmp_path, environ={"DEBUG_MODE": "on"})
        assert load(settings).debug_mode is True

    def test_unknown_storage_is_refused(self, tmp_path):
        settings = InstanceSettings(instance_dir=tmp_path, storage="mysql")
        with pytest.raises(ValueError, match="filestorage, relstorage, zeo"):
            render_zope_conf(settings)

    def test_multiline_dsn_is_refused(self, tmp_path):
        settings = InstanceSettings(
            instance_dir=tmp_path, storage="relstorage", dsn="dbname=x\n</relstorage>"
        )
        with pytest.raises(ValueError, match="one line"):
            render_zope_conf(settings)

    def test_write_instance_creates_folders(self, tmp_path):
        zope_conf = write_instance(InstanceSettings(instance_dir=tmp_path))
        assert zope_conf == tmp_path / "etc" / "zope.conf"
        assert "filestorage/Data.fs" in zope_conf.read_text()
        assert (tmp_path / "var" / "log").is_dir()
