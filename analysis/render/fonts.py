"""The Chinese font: where it is, the Traditional Chinese face as a file, and a fontconfig file.

The word cloud uses the "Noto Sans CJK TC" face extracted once from the pip package
`noto-cjk-sans-otc`; Chromium (through kaleido, for PNG export, and in the browser tests) finds
the same collection through a generated fonts.conf that adds the package folder to the system
configuration. Both are written below the cache folder (`Settings.cache_dir`, $NEWSLENS_CACHE).
"""

from __future__ import annotations

import html
import os
import threading
from pathlib import Path

TC_FACE = 3  # face index of "Noto Sans CJK TC" in NotoSansCJK-Regular.ttc
_font_lock = threading.Lock()


def font_collection() -> Path:
    import noto_cjk_sans_otc

    return Path(noto_cjk_sans_otc.FONT_PATH)


def wordcloud_font_path(cache_dir: Path) -> Path:
    """The TC face as a single font file (wordcloud cannot pick a face inside a collection)."""
    target = cache_dir / "fonts" / "NotoSansCJKtc-Regular.otf"
    with _font_lock:
        if not target.is_file():
            from fontTools.ttLib import TTCollection

            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(f".{os.getpid()}.part")
            TTCollection(str(font_collection())).fonts[TC_FACE].save(str(partial))
            os.replace(partial, target)
    return target


def fontconfig_file(cache_dir: Path) -> Path:
    """A fonts.conf: the system configuration plus the pip font folder."""
    target = cache_dir / "fontconfig" / "fonts.conf"
    text = (
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{html.escape(str(font_collection().parent))}</dir>\n"
        f"  <cachedir>{html.escape(str(target.parent / 'cache'))}</cachedir>\n"
        "</fontconfig>\n"
    )
    if not target.is_file() or target.read_text("utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_text(text, "utf-8")
        os.replace(partial, target)
    return target


def configure_fontconfig(cache_dir: Path) -> None:
    """Point fontconfig (and so Chromium) at our fonts.conf, unless the user set one."""
    os.environ.setdefault("FONTCONFIG_FILE", str(fontconfig_file(cache_dir)))
