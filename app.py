"""newslens: the entry point. `streamlit run app.py`

Page set-up, the navigation over pages/, the sidebar filter every page shares, then the page.
"""

import streamlit as st

import ui
from analysis.render import fonts

st.set_page_config(page_title="newslens", page_icon=":newspaper:", layout="wide")
fonts.configure_fontconfig()

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
