"""AppTest, from the entry point: every page renders on the sample and on the fixture corpus,
the filter changes what pages show, the URL carries the filter, downloads are offered, and
corpus text never reaches the page as HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit
from app_support import FIXTURE_CORPUS, PAGES, SAMPLE_CORPUS, XSS_PAYLOADS, build_fixture_store
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fixture-store")
    build_fixture_store(root, FIXTURE_CORPUS)
    return root


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample-store")
    build_fixture_store(root, SAMPLE_CORPUS)
    return root


class _NavigationPagesManager(PagesManager):
    """AppTest 1.67 resets `PagesManager.uses_pages_directory` before every run, so an app with
    a pages/ folder is run the old (v1) way: the page script alone, without app.py, from the
    second run or a `switch_page` on. The real server keeps the flag False once st.navigation
    has been called; this does the same for the tests."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def _run_pages_through_navigation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)


def open_page(
    store: Path,
    monkeypatch: pytest.MonkeyPatch,
    page: str,
    *,
    widgets: dict[str, object] | None = None,
    **params: str | list[str],
) -> AppTest:
    """A first run of the app on `page`, with URL parameters or widget values set."""
    monkeypatch.setenv("NEWSLENS_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if widgets:
        at.session_state["nl_started"] = True
        at.session_state["nl_lang"] = "zh-Hant"
        for key, value in widgets.items():
            at.session_state[key] = value
    if page != "overview":
        at.switch_page(PAGES[page])
    return at.run()


def shown(at: AppTest) -> list[object]:
    """What the page shows, as plain values, to compare two renderings."""
    values: list[object] = [c.value for c in at.caption]
    values += [m.value for m in at.metric]
    values += [d.value.to_csv() for d in at.dataframe]
    values += [str(e.proto)[:4000] for e in at.get("plotly_chart")]
    values += [str(e.proto)[:200] for e in at.get("imgs")]
    return values


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    for element in [*at.markdown, *at.caption, *at.title, *at.subheader]:
        for payload in XSS_PAYLOADS:
            assert payload not in element.value, element.value
    assert not at.get("html")
    assert all(not getattr(m, "allow_html", False) for m in at.markdown)


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_on_the_sample(
    page: str, sample_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_clean(open_page(sample_store, monkeypatch, page))


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_on_the_fixture_corpus_with_downloads(
    page: str, fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(fixture_store, monkeypatch, page)
    assert_clean(at)
    assert at.get("download_button"), f"{page} offers no download"


# Each view below is a fresh AppTest: the filter is set through the widgets' session state (as
# a click would) or through the URL, and the two renderings are compared.


@pytest.mark.parametrize("page", [p for p in PAGES if p != "corpus"])
def test_changing_the_date_range_changes_what_the_page_shows(
    page: str, fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = shown(open_page(fixture_store, monkeypatch, page))
    after = open_page(
        fixture_store, monkeypatch, page,
        widgets={"nl_dates": (dt.date(2023, 9, 1), dt.date(2023, 11, 30))},
    )  # fmt: skip
    assert_clean(after)
    assert shown(after) != before
    assert after.query_params["from"] in ("2023-09-01", ["2023-09-01"])
    assert after.query_params["to"] in ("2023-11-30", ["2023-11-30"])


@pytest.mark.parametrize("page", [p for p in PAGES if p != "corpus"])
def test_picking_a_topic_changes_what_the_page_shows(
    page: str, fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = shown(open_page(fixture_store, monkeypatch, page))
    after = open_page(fixture_store, monkeypatch, page, widgets={"nl_topics": ["ukraine-war"]})
    assert_clean(after)
    assert shown(after) != before
    assert after.query_params["topic"] in ("ukraine-war", ["ukraine-war"])


def test_a_copied_url_reopens_the_same_filter(
    fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(
        fixture_store, monkeypatch, "articles",
        **{"from": "2023-09-01", "to": "2023-09-30", "topic": ["ukraine-war"], "lang": "en"},
    )  # fmt: skip
    assert_clean(at)
    assert at.multiselect(key="nl_topics").value == ["ukraine-war"]
    assert at.date_input(key="nl_dates").value == (dt.date(2023, 9, 1), dt.date(2023, 9, 30))
    assert at.radio(key="nl_lang").value == "en"
    assert "2023-09-01 to 2023-09-30" in at.caption[0].value.replace("\\", "")


def test_a_damaged_url_opens_on_what_could_be_read(
    fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(
        fixture_store, monkeypatch, "articles",
        **{"from": "2023-13-45", "to": "2023-09-30", "topic": ["ukraine-war"], "colour": "red"},
    )  # fmt: skip
    assert_clean(at)
    assert at.multiselect(key="nl_topics").value == ["ukraine-war"]
    assert at.date_input(key="nl_dates").value[1] == dt.date(2023, 9, 30)
    assert at.query_params["to"] in ("2023-09-30", ["2023-09-30"])
    assert "from" not in at.query_params


def test_clearing_the_filter_empties_every_widget(
    fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(fixture_store, monkeypatch, "overview", topic="ukraine-war", q="導彈")
    assert at.multiselect(key="nl_topics").value == ["ukraine-war"]
    at.sidebar.button[0].click().run()
    assert_clean(at)
    assert at.multiselect(key="nl_topics").value == []
    assert at.text_input(key="nl_q").value == ""
    assert "topic" not in at.query_params and "q" not in at.query_params


def test_labels_follow_the_dominant_script_with_a_switch(
    fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(fixture_store, monkeypatch, "overview")
    assert at.radio(key="nl_lang").value == "zh-Hant"  # 14 Traditional, 6 Simplified articles
    assert at.title[0].value == "總覽"
    assert (
        open_page(fixture_store, monkeypatch, "overview", lang="zh-Hans").title[0].value == "总览"
    )
    assert open_page(fixture_store, monkeypatch, "overview", lang="en").title[0].value == "Overview"


def test_navigation_lists_exactly_the_pages(
    fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[tuple[str, str]]] = []
    original = streamlit.navigation

    def recording(pages, **kwargs):  # type: ignore[no-untyped-def]
        seen.append([(p.url_path, p.title) for p in pages])
        return original(pages, **kwargs)

    monkeypatch.setattr(streamlit, "navigation", recording)
    assert_clean(open_page(fixture_store, monkeypatch, "overview"))
    # The default page keeps no URL path of its own: the overview is the app's root URL.
    assert [url for url, _ in seen[-1]] == ["", *list(PAGES)[1:]]
    titles = [title for _, title in seen[-1]]
    assert titles == ["總覽", "時間線", "人物與地點", "事件", "詞雲", "文章", "語料庫"]
    assert all(url.isascii() for url, _ in seen[-1])


def test_the_evidence_table_holds_every_event_type_before_a_bar_is_clicked(
    fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(fixture_store, monkeypatch, "events")
    evidence = next(d for d in at.dataframe if "type_label" in d.value.columns).value
    assert evidence["type"].nunique() > 1
    assert len(at.get("plotly_chart")) >= 2


def test_formula_looking_titles_are_shown_as_written(
    fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(fixture_store, monkeypatch, "articles")
    titles = set(at.dataframe[0].value["title"])
    assert "-5 枚導彈未獲證實" in titles
    assert any(t.startswith("=HYPERLINK(") for t in titles)


# What a reader in each script sees: headers, names and labels in the UI language; the ids
# stay in the frame (so in the CSV) but off the screen.


def shown_columns(at: AppTest) -> list[tuple[str, str | None]]:
    """(column, header) of every column of every table on screen."""
    import json

    pairs = []
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        for column in frame.proto.column_order:
            pairs.append((column, config.get(column, {}).get("label")))
    return pairs


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_every_table_header_is_in_the_ui_language(
    page: str, lang: str, fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(fixture_store, monkeypatch, page, lang=lang)
    assert_clean(at)
    columns = shown_columns(at)
    assert columns or page == "wordcloud"
    for column, header in columns:
        assert header, f"{page}: column {column} has no {lang} header"
        assert header != column, f"{page}: column {column} shown under its field name"
        assert not column.endswith("_id") and column != "id", f"{page}: id column {column} shown"


@pytest.mark.parametrize(
    ("lang", "expected", "not_expected"),
    [
        ("zh-Hant", "以色列國防軍", "以色列国防军"),
        ("zh-Hans", "以色列国防军", "以色列國防軍"),
        ("en", "Israel Defense Forces", "以色列"),
    ],
)
def test_event_actors_are_named_in_the_ui_script(
    lang: str,
    expected: str,
    not_expected: str,
    fixture_store: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = open_page(fixture_store, monkeypatch, "events", lang=lang)
    evidence = next(d for d in at.dataframe if "type_label" in d.value.columns).value
    idf = evidence[evidence["actor_id"] == "israel-defense-forces"]
    assert not idf.empty
    assert set(idf["actor"]) == {expected}
    assert not any(not_expected in str(x) for x in evidence["actor"])


def test_evidence_shows_event_type_labels_and_keeps_the_ids_for_the_csv(
    fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(fixture_store, monkeypatch, "events")
    table = next(d for d in at.dataframe if "type_label" in d.value.columns)
    assert "type_label" in table.proto.column_order
    assert "type" not in table.proto.column_order
    assert "空襲" in set(table.value["type_label"])
    assert "airstrike" in set(table.value["type"])


def test_the_filter_caption_names_the_entity_in_the_ui_script(
    fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(fixture_store, monkeypatch, "overview", entity="israel-defense-forces")
    assert_clean(at)
    caption = at.caption[0].value
    assert "以色列國防軍" in caption and "israel-defense-forces" not in caption
    picker = at.selectbox(key="nl_entity")
    assert picker.value == "israel-defense-forces"
    assert "以色列國防軍" in picker.format_func(picker.value)


def test_a_bad_setting_is_named_on_the_page_instead_of_a_traceback(monkeypatch, fixture_store):
    monkeypatch.setenv("NEWSLENS_STORE", str(fixture_store))
    monkeypatch.setenv("NEWSLENS_WORKERS", "abc")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("NEWSLENS\\_WORKERS" in e.value and "'abc'" in e.value for e in at.error)


# The Events page: tolls to date apart, the switch for harm not done by an attack, no "None"
# cells, and evidence rows that open their article with the sentence highlighted.

EVENTS_CORPUS = Path(__file__).resolve().parent / "fixtures" / "events"
FLOOD = "廣東省應急管理廳18日表示，連日暴雨引發洪水，造成12人死亡，5人受傷。"
MISSING = {"None", "nan", "NaN", "<NA>", "NaT"}


@pytest.fixture(scope="module")
def events_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from analysis.ingest import ingest
    from analysis.store.batches import Store

    root = tmp_path_factory.mktemp("events-store")
    ingest([FIXTURE_CORPUS, EVENTS_CORPUS], store=Store(root))
    return root


def table_with(at: AppTest, column: str):  # type: ignore[no-untyped-def]
    """The first table on the page with `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_the_events_page_shows_tolls_to_date_apart_and_the_switch_off(
    events_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(events_store, monkeypatch, "events")
    assert_clean(at)
    assert "累計數字（截至報道時）" in [s.value for s in at.subheader]
    assert at.toggle(key="ev_all_harm").value is False
    tolls = table_with(at, "tolls")
    killed = tolls[(tolls["measure"] == "killed") & (tolls["claimant"] == "palestine")]
    assert list(killed["quantity"]) == [4137]
    assert FLOOD not in set(table_with(at, "type_label")["sentence"])


def test_switching_on_harm_not_done_by_an_attack_changes_what_is_counted(
    events_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(events_store, monkeypatch, "events")
    before = shown(at)
    at.toggle(key="ev_all_harm").set_value(True).run()
    assert_clean(at)
    assert shown(at) != before
    assert FLOOD in set(table_with(at, "type_label")["sentence"])
    sums = [str(c.proto)[:4000] for c in at.get("plotly_chart")]
    at.toggle(key="ev_all_harm").set_value(False).run()
    assert [str(c.proto)[:4000] for c in at.get("plotly_chart")] != sums


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_no_cell_of_the_events_tables_reads_none(
    lang: str, events_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(events_store, monkeypatch, "events", lang=lang)
    assert_clean(at)
    assert len(at.dataframe) >= 2
    for frame in at.dataframe:
        cells = {str(cell) for column in frame.value.columns for cell in frame.value[column]}
        assert not cells & MISSING, (frame.value.columns, cells & MISSING)
    evidence = table_with(at, "type_label")
    assert "" in set(evidence["actor"]) and "" in set(evidence["quantity"])


def test_every_evidence_row_links_to_its_article_with_the_sentence(
    events_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import parse_qs, urlsplit

    at = open_page(events_store, monkeypatch, "events", topic="ukraine-war")
    evidence = table_with(at, "type_label")
    assert evidence["link"].notna().all()
    for link, article_id, sentence in evidence[["link", "article_id", "sentence"]].itertuples(
        index=False
    ):
        url = urlsplit(link)
        params = parse_qs(url.query)
        assert url.path == "./articles"
        assert params["article"] == [article_id] and params["hl"] == [sentence]
        assert params["topic"] == ["ukraine-war"] and params["lang"] == ["zh-Hant"]


def test_a_linked_article_opens_with_the_sentence_highlighted_as_text(
    events_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analysis.model import Filter
    from analysis.queries import events
    from analysis.store.batches import Store

    evidence = events.event_evidence(Store(events_store), Filter())
    row = evidence[evidence["sentence"].str.contains(XSS_PAYLOADS[0], regex=False)].iloc[0]
    at = open_page(
        events_store, monkeypatch, "articles", article=row["article_id"], hl=row["sentence"]
    )
    assert_clean(at)
    highlighted = [m.value for m in at.markdown if ":orange-background[" in m.value]
    assert len(highlighted) == 1
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in highlighted[0].replace("\\/", "/")
    assert "已標示證據句。" in [c.value for c in at.caption]
    assert at.query_params["article"] in (row["article_id"], [row["article_id"]])
    # The title and body of the linked article are shown, highlighted or not.
    assert any("俄軍無人機夜襲基輔" in m.value for m in at.markdown)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_highlight_in_the_url_never_reaches_the_page_as_html(
    payload: str, events_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analysis.model import Filter
    from analysis.queries import core
    from analysis.store.batches import Store

    articles = core.articles(Store(events_store), Filter())
    holding = articles[articles["title"].str.contains(payload, regex=False)]
    article_id = holding.iloc[0]["id"] if len(holding) else articles.iloc[0]["id"]
    at = open_page(events_store, monkeypatch, "articles", article=article_id, hl=payload)
    assert_clean(at)
    if len(holding):
        assert any(":orange-background[" in m.value for m in at.markdown)
