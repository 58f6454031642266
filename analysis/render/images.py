"""PNG images: plotly figures rendered by kaleido in Debian's Chromium, and the word cloud.

Both draw Chinese with the font of analysis/fonts.py: the word cloud from the extracted TC face,
Chromium through the generated fonts.conf.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import warnings
from collections.abc import Mapping
from pathlib import Path

import plotly.graph_objects as go

from analysis.render.fonts import configure_fontconfig, wordcloud_font_path

CHROMIUM = "/usr/bin/chromium"
_png_lock = threading.Lock()
_server_started = False


# --- figures -----------------------------------------------------------------------------------


def browser_path() -> str | None:
    """The Chromium kaleido should drive: $BROWSER_PATH, Debian's, or one on PATH."""
    for candidate in (os.environ.get("BROWSER_PATH"), CHROMIUM, shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def png_export_available() -> bool:
    return browser_path() is not None


def figure_png(fig: go.Figure, *, width: int = 1100, height: int = 550) -> bytes | None:
    """The figure as PNG, rendered by kaleido in Chromium; None when no browser is present."""
    global _server_started
    path = browser_path()
    if path is None:
        return None
    import kaleido

    with _png_lock:
        if not _server_started:
            configure_fontconfig()
            os.environ.setdefault("BROWSER_PATH", path)
            kaleido.start_sync_server(silence_warnings=True)
            _server_started = True
        with warnings.catch_warnings():  # "kopts is ignored if using a server": harmless
            warnings.simplefilter("ignore", UserWarning)
            return fig.to_image(format="png", width=width, height=height)


# --- word cloud --------------------------------------------------------------------------------


def wordcloud_png(
    frequencies: Mapping[str, float], *, width: int = 900, height: int = 450, max_words: int = 120
) -> bytes | None:
    """A word cloud of `frequencies` as PNG bytes; None when there is nothing to draw."""
    from wordcloud import WordCloud

    words = {w: float(v) for w, v in frequencies.items() if v and v > 0 and w.strip()}
    if not words:
        return None
    cloud = WordCloud(
        font_path=str(wordcloud_font_path()),
        width=width,
        height=height,
        background_color="white",
        max_words=max_words,
        random_state=7,
        collocations=False,
        prefer_horizontal=0.95,
        colormap="viridis",
    ).generate_from_frequencies(words)
    buffer = io.BytesIO()
    cloud.to_image().save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
