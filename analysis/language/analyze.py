"""The analysis of one article: normalise → segment → entities → events → topics → terms.

An `Analyzer` owns everything the steps read: the gazetteer, the tokenizer with its user
dictionary, the abbreviation rules, the event vocabulary, the topics and the memos of what each
word is. Build one per process (it takes about a second) and call `analyze` for each article.
The text is converted to Simplified once and segmented once; every later step reads that one
segmentation. Title and body are analysed together.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path

from analysis.accel import build_status, warn_if_stale
from analysis.language.abbreviations import Abbreviations, read_abbreviation_rules
from analysis.language.entities import EntityFinder
from analysis.language.event_vocabulary import load_vocabulary
from analysis.language.events import extract_events
from analysis.language.gazetteer import Gazetteer, load_gazetteer
from analysis.language.text import clean_text, is_chinese, to_simplified
from analysis.language.tokenize import (
    DOMAIN_TERMS_FILE,
    STOPWORDS_FILE,
    Segmentation,
    TermCounter,
    Tokenizer,
    read_word_list,
    user_words_from,
)
from analysis.language.topics import Topic, TopicMatcher, load_topics
from analysis.model import TEASER, AnalyzedArticle, Article, Mention
from analysis.paths import RESOURCES

NOT_NAMES_FILE = RESOURCES / "not_names.txt"
POSTS_FILE = RESOURCES / "posts.txt"
NAME_HEADS_FILE = RESOURCES / "name_heads.toml"


class Analyzer:
    """The per-article analysis with the resources it reads, loaded once in __init__."""

    __slots__ = ("entities", "gazetteer", "terms", "tokenizer", "topics", "vocabulary")

    def __init__(
        self,
        *,
        gazetteer: Gazetteer | None = None,
        topics: tuple[Topic, ...] | None = None,
        topics_file: Path | None = None,
    ) -> None:
        """`topics` replaces the shipped topics; `topics_file` (the settings' topics file)
        is merged over them."""
        warn_if_stale()
        self.gazetteer = gazetteer or load_gazetteer()
        self.tokenizer = Tokenizer(
            user_words=user_words_from(self.gazetteer, read_word_list(DOMAIN_TERMS_FILE))
        )
        abbreviations = Abbreviations(self.gazetteer.abbreviations, read_abbreviation_rules())
        self.entities = EntityFinder(
            self.gazetteer,
            self.tokenizer,
            abbreviations,
            not_names=read_word_list(NOT_NAMES_FILE),
            posts=read_word_list(POSTS_FILE),
            name_heads=read_name_heads(),
        )
        self.vocabulary = load_vocabulary()
        self.topics = TopicMatcher(topics if topics is not None else load_topics(topics_file))
        self.terms = TermCounter(read_word_list(STOPWORDS_FILE))

    @property
    def build(self) -> str:
        """Which build runs the analysis, in words (`analysis.accel.build_status`)."""
        return build_status(self.tokenizer.cutter)

    def segment(self, text: str) -> Segmentation:
        return self.tokenizer.segment(text)

    def analyze(self, article: Article) -> AnalyzedArticle:
        """An article with its entities (known and discovered), events, topics and term
        counts; teasers and articles not in Chinese come back as they are."""
        if not should_analyze(article):
            return AnalyzedArticle(article=article)
        text = article_text(article)
        segmentation = self.tokenizer.segment(text)
        mentions = self.entities.mentions(segmentation)
        known = self.entities.summarize(mentions)
        unknown = self.entities.unknown_names(segmentation)
        events = extract_events(text, mentions, vocab=self.vocabulary, key=segmentation.key)
        return AnalyzedArticle(
            article=article,
            entities=(*known, *unknown),
            events=tuple(events),
            topics=self.topics.assign(
                segmentation.key, placed_topic_ids(mentions), segmentation.words
            ),
            terms=self.terms.count(segmentation),
        )


def read_name_heads(path: Path = NAME_HEADS_FILE) -> tuple[list[str], list[str]]:
    """The named and generic heads of resources/name_heads.toml, in Simplified."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return (
        [to_simplified(w) for w in data.get("named", ())],
        [to_simplified(w) for w in data.get("generic", ())],
    )


def article_text(article: Article) -> str:
    """Title and body as one text, the form every analysis step reads."""
    return clean_text(f"{article.title}\n\n{article.body}" if article.title else article.body)


def should_analyze(article: Article) -> bool:
    """Teasers and articles not in Chinese are kept but not analysed."""
    return article.kind != TEASER and is_chinese(article.lang)


def placed_topic_ids(mentions: Sequence[Mention]) -> list[tuple[str, int]]:
    """The ids topic rules see, each with where it is mentioned: every entity, and the country
    each one belongs to (普京 counts for russia, 朝鮮勞動黨 for north-korea)."""
    placed = [(m.entity_id, m.start) for m in mentions]
    return placed + [(m.country, m.start) for m in mentions if m.country]
