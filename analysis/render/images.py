"""PNG images: plotly figures rendered by kaleido in Debian's Chromium, and the word cloud.

Both draw Chinese with the font of analysis/render/fonts.py: the word cloud from the extracted TC
face (or `Settings.font`), Chromium through the generated fonts.conf. Each function takes the
`Settings` from its caller; without them it reads the environment (`Settings.from_env()`), for
the callers in ui/ that do not pass them yet.
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
from analysis.settings import Settings

CHROMIUM = "/usr/bin/chromium"
_png_lock = threading.Lock()
_server_started = False


# --- figures -----------------------------------------------------------------------------------


def browser_path(browser: Path | None) -> str | None:
    """The Chromium kaleido should drive: `browser` ($BROWSER_PATH), Debian's, or one on PATH."""
    for candidate in (browser, CHROMIUM, shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


def png_export_available(settings: Settings | None = None) -> bool:
    return browser_path((settings or Settings.from_env()).browser) is not None


def figure_png(
    fig: go.Figure, *, settings: Settings | None = None, width: int = 1100, height: int = 550
) -> bytes | None:
    """The figure as PNG, rendered by kaleido in Chromium; None when no browser is present."""
    global _server_started
    settings = settings or Settings.from_env()
    path = browser_path(settings.browser)
    if path is None:
        return None
    import kaleido

    with _png_lock:
        if not _server_started:
            configure_fontconfig(settings.cache_dir)
            os.environ.setdefault("BROWSER_PATH", path)
            kaleido.start_sync_server(silence_warnings=True)
            _server_started = True
        with warnings.catch_warnings():  # "kopts is ignored if using a server": harmless
            warnings.simplefilter("ignore", UserWarning)
            return fig.to_image(format="png", width=width, height=height)


# --- word cloud --------------------------------------------------------------------------------


def wordcloud_png(
    frequencies: Mapping[str, float],
    *,
    settings: Settings | None = None,
    width: int = 900,
    height: int = 450,
    max_words: int = 120,
) -> bytes | None:
    """A word cloud of `frequencies` as PNG bytes; None when there is nothing to draw."""
    from wordcloud import WordCloud

    words = {w: float(v) for w, v in frequencies.items() if v and v > 0 and w.strip()}
    if not words:
        return None
    settings = settings or Settings.from_env()
    cloud = WordCloud(
        font_path=str(settings.font or wordcloud_font_path(settings.cache_dir)),
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
