"""Hostile and broken files end in one clear error within the limits; the console script."""

from conftest import corpus_pdf
from conftest import ocr_available
from kooperation.pdfimport import extract
from kooperation.pdfimport import ExtractionError
from kooperation.pdfimport import Limits
from kooperation.pdfimport.cli import main

import hostile
import json
import pytest
import time


@pytest.fixture(scope="module")
def bomb():
    return hostile.bomb(256)


def fails(data, code, limits=None, within=None):
    started = time.monotonic()
    with pytest.raises(ExtractionError) as info:
        extract(data, limits)
    elapsed = time.monotonic() - started
    assert info.value.code == code, info.value.message
    if within is not None:
        assert elapsed < within, f"{code} took {elapsed:.1f} s"
    return info.value


def test_a_plain_pdf_is_read_in_the_child():
    result = extract(hostile.text_pdf(["Kooperationsvereinbarung", "", "Stand: 01.02.2020"]))
    assert result["title"] == "Kooperationsvereinbarung"
    assert result["date"] == "2020-02-01"


def test_decompression_bomb_is_refused_quickly(bomb):
    assert len(bomb) < 2048  # a 1 KB file that inflates to 256 MB
    error = fails(bomb, "stream_too_large", within=15)
    assert "64 MB" in error.message


def test_bomb_without_stream_cap_hits_the_memory_limit(bomb):
    fails(bomb, "memory", Limits(stream_mb=4096, memory_mb=300), within=30)


def test_endless_parse_hits_the_time_limit():
    fails(hostile.slow(), "timeout", Limits(seconds=1.5), within=10)


def test_too_many_pages():
    fails(hostile.many_pages(301), "too_many_pages", within=10)
    fails(hostile.many_pages(12), "too_many_pages", Limits(pages=10), within=10)


def test_a_page_tree_that_lies_about_its_count():
    fails(hostile.many_pages(12, lie=True), "too_many_pages", Limits(pages=10), within=10)


def test_too_large_file():
    fails(corpus_pdf("01_oberhausen_seed"), "too_large", Limits(file_mb=0.001), within=2)


def test_truncated_file():
    data = corpus_pdf("02_jba_offenbach_two_columns")
    fails(data[: len(data) // 2], "truncated", within=5)


def test_not_a_pdf():
    fails(b"PK\x03\x04 this is a zip, not a PDF" * 10, "not_pdf", within=2)
    fails(b"", "not_pdf", within=2)


def test_encrypted_file(tmp_path):
    fails(hostile.encrypted(tmp_path / "geheim.pdf"), "encrypted", within=10)


def test_no_text_and_no_ocr():
    fails(hostile.image_only(), "no_text", Limits(ocr=False), within=10)


@pytest.mark.skipif(not ocr_available(), reason="tesseract with German is not installed")
def test_scanned_page_is_ocred():
    result = extract(corpus_pdf("14_kiel_scanned_ocr"))
    assert result["ocr_pages"] == [1]
    assert result["notice_period"] == {"value": 3, "unit": "months"}


@pytest.mark.skipif(not ocr_available(), reason="tesseract with German is not installed")
def test_a_scan_with_a_stamped_page_number_is_ocred(tmp_path):
    """A little text (a page number stamped on) does not hide the scanned page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    import subprocess

    source = tmp_path / "typed.pdf"
    source.write_bytes(corpus_pdf("07_kiel_24_months_renewal_12"))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(source), str(tmp_path / "p")],
        check=True,
    )
    target = tmp_path / "stamped.pdf"
    canvas = Canvas(str(target), pagesize=A4)
    canvas.drawImage(str(tmp_path / "p.png"), 0, 0, width=A4[0], height=A4[1])
    canvas.drawString(500, 20, "Blatt 1")
    canvas.showPage()
    canvas.save()
    result = extract(target.read_bytes())
    assert result["ocr_pages"] == [1]
    assert result["initial_term"] == {"value": 24, "unit": "months"}


@pytest.mark.skipif(not ocr_available(), reason="tesseract with German is not installed")
def test_each_ocr_page_earns_more_time():
    """A base limit that covers reading the file but only half the OCR: the time each OCR
    page earns lets it finish. Measured on this machine, so a fast one does not outrun it."""
    scan = corpus_pdf("14_kiel_scanned_ocr")

    def took(limits, code=None):
        started = time.monotonic()
        if code:
            fails(scan, code, limits)
        else:
            extract(scan, limits)
        return time.monotonic() - started

    reading = min(took(Limits(ocr=False), "no_text") for _ in range(3))
    ocr = took(Limits(seconds=60)) - reading
    assert ocr > 0.2, "tesseract took almost no time: the test cannot tell the limits apart"
    base = reading + ocr / 2
    result = extract(scan, Limits(seconds=base, ocr_seconds_per_page=60))
    assert result["ocr_pages"] == [1]
    fails(scan, "timeout", Limits(seconds=base, ocr_seconds_per_page=0), within=10)


class TestReusedChild:
    """One child reads file after file; each file still has its own limits."""

    def test_the_child_reads_the_next_file_too(self):
        from kooperation.pdfimport import worker

        plain = hostile.text_pdf(["Kooperationsvereinbarung", "", "Stand: 01.02.2020"])
        limits = Limits(ocr=False)
        try:
            assert worker.serve_one(plain, limits)["ok"]
            pid = worker._child.pid
            assert worker.serve_one(plain, limits)["result"]["date"] == "2020-02-01"
            assert worker._child.pid == pid
            # an error ends the child: the next file gets a fresh one
            assert worker.serve_one(b"%PDF-1.7\n1 0 obj", limits)["ok"] is False
            assert worker._child is None
            assert worker.serve_one(plain, limits)["ok"]
            assert worker._child.pid != pid
            # other limits: a fresh child
            pid = worker._child.pid
            assert worker.serve_one(plain, Limits(ocr=False, pages=5))["ok"]
            assert worker._child.pid != pid
        finally:
            if worker._child is not None:
                worker._child.reap()
                worker._child = None

    def test_limits_hold_after_good_files(self, bomb):
        plain = hostile.text_pdf(["Kooperationsvereinbarung", "", "Stand: 01.02.2020"])
        for _ in range(5):
            assert extract(plain, Limits(seconds=1.5))["title"] == "Kooperationsvereinbarung"
        fails(hostile.slow(), "timeout", Limits(seconds=1.5), within=10)
        assert extract(plain, Limits(seconds=1.5))["title"] == "Kooperationsvereinbarung"
        unlimited = Limits(stream_mb=4096, memory_mb=300)
        for _ in range(3):
            assert extract(plain, unlimited)["title"] == "Kooperationsvereinbarung"
        fails(bomb, "memory", unlimited, within=30)
        fails(hostile.many_pages(12), "too_many_pages", Limits(pages=10), within=10)
        assert extract(plain, unlimited)["title"] == "Kooperationsvereinbarung"

    def test_a_killed_child_is_replaced(self):
        from kooperation.pdfimport import worker

        import os
        import signal

        plain = hostile.text_pdf(["Kooperationsvereinbarung"])
        limits = Limits(ocr=False)
        try:
            assert worker.serve_one(plain, limits)["ok"]
            os.kill(worker._child.pid, signal.SIGKILL)
            assert worker.serve_one(plain, limits)["ok"]
        finally:
            if worker._child is not None:
                worker._child.reap()
                worker._child = None


def test_limits_from_environment():
    limits = Limits.from_env(
        {"KOOPERATION_PDF_PAGES": "10", "KOOPERATION_PDF_OCR": "no", "KOOPERATION_PDF_X": "1"},
        seconds=5,
    )
    assert (limits.pages, limits.ocr, limits.seconds, limits.memory_mb) == (10, False, 5, 1024)


class TestConsoleScript:
    def test_prints_the_json(self, tmp_path, capsys):
        path = tmp_path / "seed.pdf"
        path.write_bytes(corpus_pdf("01_oberhausen_seed"))
        assert main([str(path)]) == 0
        output = json.loads(capsys.readouterr().out)
        assert output["effective_rule"] == "on_signature"
        assert output["renewal_term"] == {"value": 1, "unit": "years"}
        assert output["notice_anchor"] == "end_of_term"
        assert output["pages"] == 3
        assert output["text_chars"] > 5000
        assert "text" not in output
        assert set(output["evidence"]) >= {"notice_period", "parties"}

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"hello", "not a PDF"),
            (b"%PDF-1.7\n1 0 obj", "truncated"),
        ],
    )
    def test_exit_2_with_one_line(self, tmp_path, capsys, content, message):
        path = tmp_path / "bad.pdf"
        path.write_bytes(content)
        assert main([str(path)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert message in captured.err
        assert captured.err.count("\n") == 1

    def test_missing_file(self, tmp_path, capsys):
        assert main([str(tmp_path / "nope.pdf")]) == 2
        assert capsys.readouterr().err.count("\n") == 1

    def test_page_limit_option(self, tmp_path, capsys):
        path = tmp_path / "many.pdf"
        path.write_bytes(hostile.many_pages(5))
        assert main([str(path), "--max-pages", "3"]) == 2
        assert "more than 3 pages" in capsys.readouterr().err
