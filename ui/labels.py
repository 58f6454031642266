"""Display labels in Traditional Chinese, Simplified Chinese and English.

Each label is written once in Traditional Chinese and in English; the Simplified form is the
OpenCC conversion of the Traditional one. Field names stay English everywhere else.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

import pandas as pd

from analysis.language.text import to_simplified
from analysis.queries.names import LANGUAGES as LANGUAGES  # re-exported for the sidebar
from analysis.queries.names import display_name
from analysis.queries.names import in_script as in_script  # re-exported for the pages

LANGUAGE_NAMES = {"zh-Hant": "繁體", "zh-Hans": "简体", "en": "English"}

_TEXTS: dict[str, tuple[str, str]] = {
    # pages
    "overview": ("總覽", "Overview"),
    "timeline": ("時間線", "Timeline"),
    "entities": ("人物與地點", "Entities"),
    "events": ("事件", "Events"),
    "wordcloud": ("詞雲", "Word cloud"),
    "articles": ("文章", "Articles"),
    "corpus": ("語料庫", "Corpus"),
    # sidebar filter
    "filter": ("篩選", "Filter"),
    "dates": ("日期範圍", "Date range"),
    "topics": ("主題", "Topics"),
    "sources": ("來源", "Sources"),
    "entity": ("人物、國家、地點或機構", "Entity"),
    "keyword": ("關鍵詞", "Keyword"),
    "include_teasers": ("包括推薦摘要", "Include teasers"),
    "language": ("介面語言", "Language"),
    "reset": ("清除篩選", "Clear filter"),
    "choose": ("選擇……", "Choose…"),
    "all_articles": ("全部文章", "all articles"),
    "selected": ("所選文章", "Articles selected"),
    "from_to": ("{0} 至 {1}", "{0} to {1}"),
    "since": ("{0} 起", "from {0}"),
    "until": ("至 {0}", "until {0}"),
    "teasers_in": ("含推薦摘要", "teasers included"),
    "count_line": ("{0} 篇文章", "{0} articles"),
    "no_store": (
        "語料庫是空的：請在「語料庫」頁上傳檔案，或執行 python -m analysis ingest。",
        "The corpus is empty: upload files on the Corpus page or run python -m analysis ingest.",
    ),
    "nothing": ("此篩選沒有資料。", "Nothing matches this filter."),
    # columns and axes
    "period": ("時期", "Period"),
    "topic": ("主題", "Topic"),
    "share": ("佔全部報道比例", "Share of all coverage"),
    "events_n": ("事件數", "Events"),
    "type": ("類型", "Type"),
    "quantity": ("數量", "Quantity"),
    "measure": ("指標", "Measure"),
    "name": ("名稱", "Name"),
    "mentions": ("提及次數", "Mentions"),
    "articles_n": ("文章數", "Articles"),
    "title": ("標題", "Title"),
    "date": ("日期", "Date"),
    "source": ("來源", "Source"),
    "term": ("詞語", "Term"),
    "count": ("次數", "Count"),
    "weight": ("權重", "Weight"),
    # downloads
    "csv": ("下載 CSV", "Download CSV"),
    "png": ("下載 PNG", "Download PNG"),
    "png_fallback": (
        "伺服器沒有瀏覽器，無法產生 PNG：請用圖表右上角的相機按鈕。",
        "No browser on the server for PNG export: use the camera button "
        "at the top right of the chart.",
    ),
    # overview
    "sources_n": ("來源數", "Sources"),
    "span": ("日期範圍", "Date span"),
    "top_topics": ("主要主題", "Top topics"),
    "latest": ("最新文章", "Latest articles"),
    "health": ("語料庫狀況", "Corpus health"),
    "undated": ("無日期文章", "Articles without a date"),
    "rejected": ("被拒檔案", "Rejected files"),
    "duplicates": ("已合併的重複文章", "Duplicates folded"),
    "teasers": ("推薦摘要", "Teasers"),
    "lang_mix": ("語言分佈", "Language mix"),
    # timeline
    "interval": ("時間單位", "Interval"),
    "day": ("日", "Day"),
    "week": ("週", "Week"),
    "month": ("月", "Month"),
    "stacked": ("堆疊", "Stacked"),
    "as_share": ("以佔比顯示", "As share of all coverage"),
    "overlay_events": ("疊加事件數", "Overlay event tally"),
    "series_topics": ("要畫的主題（空白＝全部文章）", "Topics to draw (none = all articles)"),
    "peaks": ("高峰及最能說明它的標題", "Peaks and the headline that best explains each"),
    "pick_hint": (
        "點選圖上的點或框選一段時間，即列出該時期的文章。",
        "Click a point or drag over a period to list its articles.",
    ),
    "picked": ("所選時期的文章：{0} 至 {1}", "Articles of the picked period: {0} to {1}"),
    # entities
    "entity_type": ("類型", "Type"),
    "person": ("人物", "People"),
    "country": ("國家", "Countries"),
    "place": ("地點", "Places"),
    "organization": ("機構", "Organisations"),
    "top_entities": ("最常提及", "Most mentioned"),
    "trend_pick": ("比較這些實體的趨勢", "Trends for these entities"),
    "co_mentions": ("共同提及", "Co-mentions"),
    "heatmap": ("熱圖", "Heat map"),
    "network": ("網絡圖", "Network"),
    "one_entity": ("單一實體：各來源的寫法與例句", "One entity: spellings by source, sentences"),
    "spellings": ("各來源的寫法", "Spellings by source"),
    "spelling": ("寫法", "Spelling"),
    "sentences": ("例句", "Sample sentences"),
    "sentence": ("句子", "Sentence"),
    # events
    "tally": ("按類型與時期統計", "Tally by type and period"),
    "sums": ("各方聲稱的數量總和", "Sums of quantities by claimant"),
    "evidence": ("證據", "Evidence"),
    "bar_hint": ("點選長條即可篩選證據表。", "Click a bar to filter the evidence table."),
    "showing_type": ("只顯示：{0}", "Showing only: {0}"),
    "map": ("事件地點", "Event places"),
    "no_places": ("沒有帶座標的事件地點。", "No event place has coordinates."),
    "claimant": ("聲稱方", "Claimant"),
    "actor": ("行動方", "Actor"),
    "target": ("目標", "Target"),
    "location": ("地點", "Place"),
    "unit": ("單位", "Unit"),
    "all_harm": (
        "包括非襲擊造成的死傷與損毀（意外、災害、疾病）",
        "Include deaths, injuries and damage not caused by an attack (accidents, disasters, "
        "disease)",
    ),
    "all_harm_help": (
        "關閉時，所有統計、總和、地圖和證據表都不計意外、天災或疾病造成的死傷與損毀。",
        "Off: every count, sum, the map and the evidence table leave out deaths, injuries and "
        "damage caused by an accident, a disaster or a disease.",
    ),
    "sums_hint": (
        "只計新事件（各篇報道的數字相加，同一事件可能被多篇報道）；累計數字另列於下方。",
        "New events only (the figures of every report added up: one event may be reported "
        "several times); tolls to date are shown apart below.",
    ),
    "by_period": ("各時期的數量（按聲稱方）", "Quantities per period, by claimant"),
    "tolls": ("累計數字（截至報道時）", "Tolls to date"),
    "tolls_hint": (
        "每個聲稱方最新一篇報道所給的累計數字（如「衝突爆發以來已有N人死亡」），不相加，也不計入上方總和。",
        "The running total (such as 'N killed since the conflict began') of the most recent "
        "article that gives one, per claimant: never summed, and not in the sums above.",
    ),
    "no_tolls": ("此篩選沒有累計數字。", "No toll to date in this selection."),
    "evidence_hint": (
        "點選「文章」欄的連結，即在新分頁開啟該文章並標示證據句。",
        "The link in the Article column opens the article in a new tab with the sentence "
        "highlighted.",
    ),
    "open": ("開啟", "Open"),
    "link": ("文章", "Article"),
    "cumulative": ("累計數字", "Toll to date"),
    "conflict": ("襲擊造成", "By an attack"),
    "approximate": ("約數", "Approximate"),
    "toll_count": ("累計數字筆數", "Tolls reported"),
    # word cloud
    "weighting": ("權重方式", "Weighting"),
    "frequency": ("頻率", "Frequency"),
    "distinctive": ("相對其餘語料的獨特性", "Distinctiveness against the rest"),
    "compare": ("並排比較", "Side by side"),
    "compare_none": ("不比較", "No comparison"),
    "compare_topics": ("兩個主題", "Two topics"),
    "compare_periods": ("兩個時期", "Two periods"),
    "stopwords": ("停用詞（本次工作階段，每行一個）", "Stop words (this session, one a line)"),
    "top_terms": ("最常見詞語", "Top terms"),
    "cloud_png": ("下載詞雲 PNG", "Download word cloud PNG"),
    # articles
    "search": ("搜尋標題與內文", "Search titles and bodies"),
    "page": ("頁", "Page"),
    "read": ("閱讀文章", "Read an article"),
    "body": ("內文", "Body"),
    "in_article": ("文中的實體", "Entities in this article"),
    "events_in": ("文中的事件", "Events in this article"),
    "url": ("網址", "URL"),
    "origin": ("出處", "Origin"),
    "highlighted": ("已標示證據句。", "The evidence sentence is highlighted."),
    "not_in_text": (
        "證據句不在這篇文章的標題或內文中。",
        "The evidence sentence is not in this article's title or body.",
    ),
    "no_article": ("找不到連結中的文章。", "The linked article is not in the corpus."),
    # corpus
    "upload": ("上傳檔案", "Upload files"),
    "upload_help": (
        "txt、html、csv、jsonl、json、parquet、md、zip；可一次多個；每個檔案上限 {0} MB。",
        "txt, html, csv, jsonl, json, parquet, md, zip; several at once; at most {0} MB per file.",
    ),
    "ingest": ("匯入", "Ingest"),
    "ingesting": ("匯入中……", "Ingesting…"),
    "ingested": (
        "已加入 {0} 篇文章，{1} 篇重複，{2} 個檔案被拒。",
        "Added {0} articles; {1} duplicates; {2} files rejected.",
    ),
    "store": ("儲存庫", "Store"),
    "reason": ("原因", "Reason"),
    "path": ("檔案", "File"),
    "cli_hint": ("也可以用命令列匯入：", "You can also ingest from the command line:"),
    "batches": ("批次數", "Batches"),
    "first": ("最早日期", "First date"),
    "last": ("最晚日期", "Last date"),
    # table headers (see COLUMNS) and what the CSV holds
    "published_at": ("發佈時間", "Published"),
    "lang": ("語言", "Language"),
    "name_en": ("英文名稱", "English name"),
    "name_a": ("實體甲", "Entity A"),
    "name_b": ("實體乙", "Entity B"),
    "surface_forms": ("文中寫法", "Spellings in the text"),
    "known": ("見於名錄", "In the gazetteer"),
    "rest": ("其餘語料中次數", "Count in the rest"),
    "ingested_at": ("匯入時間", "Ingested at"),
    "value": ("數值", "Value"),
    "lat": ("緯度", "Latitude"),
    "lon": ("經度", "Longitude"),
    "unattributed": ("未註明", "Unattributed"),
    "csv_help": (
        "CSV 與表格（或圖表）的列和數值相同，欄名為英文欄位名（published_at、type……），"
        "並附上名稱背後的 id（entity_id、article_id……）。UTF-8 附 BOM，Excel 可直接開啟。",
        "The CSV holds the rows and values shown, with English field names as column names "
        "(published_at, type …) and the ids behind the names (entity_id, article_id …). "
        "UTF-8 with BOM, so Excel opens it directly.",
    ),
}

# Column name -> key of its header in _TEXTS. Columns not here and not hidden (see HIDDEN_*)
# have no header: tests/test_app_pages.py checks that every table column shown has one.
COLUMNS: dict[str, str] = {
    "published_at": "published_at",
    "date": "date",
    "period": "period",
    "title": "title",
    "source": "source",
    "topic": "topic",
    "topics": "topics",
    "lang": "lang",
    "articles": "articles_n",
    "share": "share",
    "events": "events_n",
    "type_label": "type",
    "topic_label": "topic",
    "quantity": "quantity",
    "unit": "unit",
    "actor": "actor",
    "target": "target",
    "location": "location",
    "place": "location",
    "claimant": "claimant",
    "claimant_name": "claimant",
    "measure_label": "measure",
    "sentence": "sentence",
    "name": "name",
    "name_en": "name_en",
    "name_a": "name_a",
    "name_b": "name_b",
    "mentions": "mentions",
    "surface_forms": "surface_forms",
    "known": "known",
    "spelling": "spelling",
    "term": "term",
    "count": "count",
    "rest": "rest",
    "weight": "weight",
    "path": "path",
    "reason": "reason",
    "ingested_at": "ingested_at",
    "value": "value",
    "lat": "lat",
    "lon": "lon",
    "url": "url",
    "cumulative": "cumulative",
    "conflict": "conflict",
    "approximate": "approximate",
    "tolls": "toll_count",
    "link": "link",
}
# Columns that hold ids: in the CSV, not on screen (their names or labels are shown instead).
HIDDEN_COLUMNS = frozenset({"id", "entity_a", "entity_b"})


def hidden(column: str, columns: Iterable[str]) -> bool:
    """Whether `column` stays off the screen (it stays in the CSV): ids (`id`, `…_id`), and
    codes shown through a label or a name beside them (`type` / `type_label`, `claimant` /
    `claimant_name`)."""
    names = set(columns)
    return (
        column in HIDDEN_COLUMNS
        or column.endswith("_id")
        or f"{column}_label" in names
        or f"{column}_name" in names
    )


def column_header(column: str, language: str) -> str | None:
    key = COLUMNS.get(column)
    return text(key, language) if key else None


EVENT_TYPES: dict[str, tuple[str, str]] = {
    "missile_launch": ("導彈發射", "Missile launch"),
    "drone_attack": ("無人機攻擊", "Drone attack"),
    "airstrike": ("空襲", "Airstrike"),
    "shelling": ("炮擊", "Shelling"),
    "interception": ("攔截", "Interception"),
    "killed": ("死亡", "Killed"),
    "injured": ("受傷", "Injured"),
    "casualties": ("傷亡", "Casualties"),
    "damage": ("損毀", "Damage"),
    "troop_deployment": ("部署兵力", "Troop deployment"),
    "arms_transfer": ("軍火轉讓", "Arms transfer"),
    "nuclear_test": ("核試驗", "Nuclear test"),
    "satellite_launch": ("衛星發射", "Satellite launch"),
    "summit": ("峰會", "Summit"),
    "talks": ("會談", "Talks"),
    "sanctions": ("制裁", "Sanctions"),
}

ENTITY_TYPES: dict[str, tuple[str, str]] = {
    "person": ("人物", "Person"),
    "country": ("國家", "Country"),
    "place": ("地點", "Place"),
    "organization": ("機構", "Organisation"),
}

# In the order the Events page draws them (analysis.queries.events.MEASURES).
MEASURES: dict[str, tuple[str, str]] = {
    "missiles_launched": ("發射導彈", "Missiles launched"),
    "drones_launched": ("出動無人機", "Drones launched"),
    "missiles_intercepted": ("攔截導彈", "Missiles intercepted"),
    "drones_downed": ("擊落無人機", "Drones shot down"),
    "strikes": ("空襲", "Strikes"),
    "killed": ("死亡", "Killed"),
    "injured": ("受傷", "Injured"),
}


@functools.cache
def _pick(pair: tuple[str, str], language: str) -> str:
    hant, en = pair
    if language == "en":
        return en
    return to_simplified(hant) if language == "zh-Hans" else hant


def text(key: str, language: str) -> str:
    return _pick(_TEXTS[key], language)


def event_type(key: str, language: str) -> str:
    pair = EVENT_TYPES.get(key)
    return _pick(pair, language) if pair else key


def entity_type(key: str, language: str) -> str:
    pair = ENTITY_TYPES.get(key)
    return _pick(pair, language) if pair else key


def with_label(frame: pd.DataFrame, column: str, label: Callable[[str], str]) -> pd.DataFrame:
    """`frame` with `<column>_label` (the label of each code) right after `column`: the table
    shows the label, the CSV keeps both."""
    labelled = frame.copy()
    position = list(frame.columns).index(column) + 1
    labelled.insert(position, f"{column}_label", [label(str(x)) for x in frame[column]])
    return labelled


def with_type_labels(frame: pd.DataFrame, kind: str, language: str) -> pd.DataFrame:
    """`frame` with `type_label` after `type`, for event (`kind="event"`) or entity types."""
    label = {"event": event_type, "entity": entity_type}[kind]
    return with_label(frame, "type", lambda x: label(x, language))


def entity_name(entity_id: str, language: str) -> str:
    """The name of one entity in the language (the id when nothing better is known)."""
    return display_name(entity_id, lang=language) or entity_id


def measure(key: str, language: str) -> str:
    """A measure of the Events page; a toll of another event type (casualties) by its type."""
    pair = MEASURES.get(key)
    return _pick(pair, language) if pair else event_type(key, language)


def measure_labels(language: str) -> dict[str, str]:
    """Every measure's label, in the order the Events page draws them."""
    return {key: _pick(pair, language) for key, pair in MEASURES.items()}


@functools.cache
def topic_labels(language: str) -> dict[str, str]:
    """Topic id -> label, from analysis.language.topics when it loads; empty otherwise."""
    try:
        from analysis.language.topics import load_topics

        topics = load_topics()
    except Exception:  # topic definitions being edited: fall back to the ids in the store
        return {}
    field = {"zh-Hant": "label_zh_hant", "zh-Hans": "label_zh_hans", "en": "label_en"}[language]
    return {t.id: getattr(t, field) for t in topics}


def topic(topic_id: str, language: str) -> str:
    return topic_labels(language).get(topic_id, topic_id)


def topic_list(topic_ids: object, language: str) -> str:
    """Comma-joined topic ids (as `article_topics` gives them) as labels joined with 、."""
    if not isinstance(topic_ids, str):
        return ""
    return "、".join(topic(x.strip(), language) for x in topic_ids.split(",") if x.strip())
