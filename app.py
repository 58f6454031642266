"""newslens: the entry point. `streamlit run app.py`

Page set-up, the navigation over pages/, the sidebar filter every page shares, then the page.
"""

import streamlit as st

import ui
from analysis.render import fonts
from analysis.settings import SettingsError
from ui.widgets import escape_markdown

st.set_page_config(page_title="newslens", page_icon=":newspaper:", layout="wide")
try:
    settings = ui.data.settings()
except SettingsError as error:  # a bad environment variable: say which, not a traceback
    st.error(escape_markdown(f"newslens: {error}"))
    st.stop()
fonts.configure_fontconfig(settings.cache_dir)

PAGES = (  # (file, key of its title in ui.labels, URL path)
    ("pages/overview.py", "overview", "overview"),
    ("pages/timeline.py", "timeline", "timeline"),
    ("pages/entities.py", "entities", "entities"),
    ("pages/events.py", "events", "events"),
    ("pages/wordcloud.py", "wordcloud", "wordcloud"),
    ("pages/articles.py", "articles", "articles"),
    ("pages/corpus.py", "corpus", "corpus"),
)

ui.sidebar_filter()
navigation = st.navigation(
    [
        st.Page(path, title=ui.t(key), url_path=url, default=(url == "overview"))
        for path, key, url in PAGES
    ],
    position="top",
)
navigation.run()
