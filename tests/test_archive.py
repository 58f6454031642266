"""Folders and .zip archives: what is read, what is refused, and how fast."""

from __future__ import annotations

import os
import stat
import time
import zipfile
from pathlib import Path

import pytest

from analysis.sources import archive
from analysis.sources.archive import iter_inputs
from analysis.sources.base import InputRejected


def _reasons(items: list[tuple[str, bytes | InputRejected]]) -> dict[str, str]:
    return {name: value.reason for name, value in items if isinstance(value, InputRejected)}


def _data(items: list[tuple[str, bytes | InputRejected]]) -> dict[str, bytes]:
    return {name: value for name, value in items if isinstance(value, bytes)}


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """F-19: 1 GiB of zeros deflated into one member (about 1 MB on disk)."""
    path = tmp_path_factory.mktemp("bomb") / "zip_bomb.zip"
    chunk = bytes(16 * 1024 * 1024)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("a.txt", "w", force_zip64=True) as member,
    ):
        for _ in range(64):
            member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    return path


def test_a_file_is_itself(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("新闻".encode())
    assert list(iter_inputs(path)) == [(str(path), "新闻".encode())]


def test_folders_recursively_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_bytes(b"2")
    (tmp_path / "b" / "1.txt").write_bytes(b"1")
    (tmp_path / "a.txt").write_bytes(b"a")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_bytes(b"ref")
    (tmp_path / ".DS_Store").write_bytes(b"x")
    names = [name for name, _ in iter_inputs(tmp_path)]
    assert names == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "1.txt"),
        str(tmp_path / "b" / "2.txt"),
    ]


def test_symbolic_links_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(b"secret")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_bytes(b"ok")
    (corpus / "link.txt").symlink_to(outside / "secret.txt")
    (corpus / "dir").symlink_to(outside, target_is_directory=True)
    items = list(iter_inputs(corpus))
    assert _data(items) == {str(corpus / "ok.txt"): b"ok"}
    assert _reasons(items) == {
        str(corpus / "dir"): "symbolic link not followed",
        str(corpus / "link.txt"): "symbolic link not followed",
    }


def test_plain_files_over_the_limit_are_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_FILE_BYTES", 10)
    (tmp_path / "big.txt").write_bytes(b"x" * 11)
    (tmp_path / "small.txt").write_bytes(b"x" * 10)
    items = list(iter_inputs(tmp_path))
    assert "file too large" in _reasons(items)[str(tmp_path / "big.txt")]
    assert _data(items) == {str(tmp_path / "small.txt"): b"x" * 10}


def test_zip_members_in_memory_named_after_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "news.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2024/a.jsonl", '{"body": "正文"}')
        zf.writestr("2024/", "")
        zf.writestr("__MACOSX/2024/._a.jsonl", "junk")
        zf.writestr("2024/.hidden", "junk")
        zf.writestr("b.txt", "b")
    items = list(iter_inputs(path))
    assert _data(items) == {
        f"{path}!/2024/a.jsonl": '{"body": "正文"}'.encode(),
        f"{path}!/b.txt": b"b",
    }
    assert _reasons(items) == {}


def test_unsafe_members_are_refused_and_never_written(tmp_path: Path) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("../../evil.txt", "x")
        zf.writestr("/etc/evil.txt", "x")
        zf.writestr("C:/evil.txt", "x")
        zf.writestr("a\\..\\..\\evil.txt", "x")
        link = zipfile.ZipInfo("link")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("inner.zip", "PK\x03\x04 not really")
        zf.writestr("sneaky.txt", b"PK\x03\x04 a zip by content")
        zf.writestr("fine.txt", "fine")
    before = set(os.listdir(tmp_path)) | set(os.listdir(tmp_path.parent))
    items = list(iter_inputs(path))
    reasons = _reasons(items)
    assert _data(items) == {f"{path}!/fine.txt": b"fine"}
    assert "leaves the archive" in reasons[f"{path}!/../../evil.txt"]
    assert "leaves the archive" in reasons[f"{path}!/a\\..\\..\\evil.txt"]
    assert "absolute path" in reasons[f"{path}!/C:/evil.txt"]
    assert "absolute path" in reasons[f"{path}!//etc/evil.txt"]
    assert "symbolic link" in reasons[f"{path}!/link"]
    assert "nested archive" in reasons[f"{path}!/inner.zip"]
    assert "nested archive" in reasons[f"{path}!/sneaky.txt"]
    assert len(reasons) == 7
    assert set(os.listdir(tmp_path)) | set(os.listdir(tmp_path.parent)) == before


def test_zip_bomb_is_rejected_quickly(zip_bomb: Path) -> None:
    started = time.perf_counter()
    items = list(iter_inputs(zip_bomb))
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0
    assert not _data(items)
    ((name, reason),) = _reasons(items).items()
    assert name == f"{zip_bomb}!/a.txt"
    assert "too large" in reason


def test_a_lying_header_is_caught_by_the_bounded_read(tmp_path: Path) -> None:
    """A member whose header understates its size is never read past the limit."""
    path = tmp_path / "liar.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", bytes(50 * 1024 * 1024))
    raw = bytearray(path.read_bytes())
    size = (50 * 1024 * 1024).to_bytes(4, "little")
    assert raw.count(size) == 2  # local header and central directory
    path.write_bytes(bytes(raw).replace(size, (1000).to_bytes(4, "little")))
    started = time.perf_counter()
    items = list(iter_inputs(path))
    assert time.perf_counter() - started < 1.0
    assert "unreadable member" in _reasons(items)[f"{path}!/a.txt"]


def test_high_ratio_members_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "ratio.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.txt", bytes(20 * 1024 * 1024))  # about 1000:1
        zf.writestr("small.txt", bytes(1000))  # small members may compress well
    items = list(iter_inputs(path))
    assert "compression ratio" in _reasons(items)[f"{path}!/zeros.txt"]
    assert f"{path}!/small.txt" in _data(items)


def test_too_many_entries_rejects_the_whole_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_ARCHIVE_ENTRIES", 100)
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(101):
            zf.writestr(f"{i}.txt", "")
    assert [(n, type(v).__name__) for n, v in iter_inputs(path)] == [(str(path), "InputRejected")]
    assert "101 entries" in _reasons(list(iter_inputs(path)))[str(path)]


def test_total_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "total.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(3):
            zf.writestr(f"{i}.txt", "x" * 100)
    monkeypatch.setattr(archive, "MAX_ARCHIVE_BYTES", 250)
    reasons = _reasons(list(iter_inputs(path)))
    assert "declares" in reasons[str(path)]


def test_corrupt_zip_inside_a_folder(tmp_path: Path) -> None:
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 this is not a zip")
    (tmp_path / "good.txt").write_bytes(b"ok")
    items = list(iter_inputs(tmp_path))
    assert "not a readable zip archive" in _reasons(items)[str(tmp_path / "bad.zip")]
    assert _data(items) == {str(tmp_path / "good.txt"): b"ok"}


def test_missing_path(tmp_path: Path) -> None:
    ((name, value),) = list(iter_inputs(tmp_path / "nope"))
    assert name == str(tmp_path / "nope")
    assert isinstance(value, InputRejected) and "cannot read" in value.reason


def test_the_whole_corpora_folder(corpora: Path) -> None:
    items = list(iter_inputs(corpora))
    assert len(_data(items)) > 760
    assert _reasons(items) == {}


def test_an_uploaded_zip_gives_its_members_and_a_bomb_is_refused(tmp_path):
    import io
    import zipfile

    from analysis.sources.archive import iter_upload

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("news/a.txt", "標題\n\n內文第一段。")
        archive.writestr("../evil.txt", "x")
    members = dict(iter_upload("upload.zip", buffer.getvalue()))
    assert members["upload.zip!/news/a.txt"] == "標題\n\n內文第一段。".encode()
    assert not isinstance(members.get("upload.zip!/../evil.txt", b""), bytes)
    assert list(iter_upload("plain.txt", b"abc")) == [("plain.txt", b"abc")]
