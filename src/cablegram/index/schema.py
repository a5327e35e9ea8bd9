"""The index's fields, and why each has the options it has.

Text is indexed per classification level: a paragraph marked (S) goes to ``text_3``, the
subject to ``subject_<cable level>``. A reader cleared to level L is searched only in
``text_0..text_L`` and ``subject_0..subject_L``, so words that occur only above their
clearance cannot find a cable, rank it, or highlight in its snippet. Header fields (tags,
reasons, signers, classifier, references, declassification) are part of the cable-level
header, so restricted searches only match them on cables whose whole level is visible.

Text whose part demands controlling caveats (NOFORN, EXDIS, ..., as ``access.marks_of``
decides) goes to ``text_<level>_c`` / ``subject_<level>_c`` instead, searched only for
readers holding every caveat listed in the cable's ``part_caveats`` (``index.scope``).
``decl_day`` and the id let a declassified cable match in full for everyone.

Keyword fields use the ``raw`` tokenizer and are fast fields, which terms aggregations (the
facets) read column-wise without touching the document store.
"""

from __future__ import annotations

import tantivy

from cablegram.model import Classification

SCHEMA_VERSION = 5  # 5: text fields no longer stored (see index.texts)
LEVELS = tuple(int(c) for c in Classification)
TOP = max(LEVELS)

# Facet columns are dense (one value per document): tantivy aggregates a column with gaps
# several times slower. These stand for "absent".
NONE = "~"
NO_YEAR = 0
NO_CLASSIFICATION = 255
SET_SEPARATOR = "|"

ID = "id"
CREATED = "created"
YEAR = "year"
MONTH = "month"
ORIGIN = "origin"
CLASSIFICATION = "classification"  # the level as marked (the facet and class: filter)
LEVEL = "level"  # the level access control uses: at least the highest paragraph's
MIN_LEVEL = "min_level"  # the lowest level of any subject or paragraph: visible from here
CAVEATS = "caveats"
CAVEAT_SET = "caveat_set"  # the sorted combination, for the facet
TAGS = "tags"
REASONS = "reasons"
REASON_SET = "reason_set"
SIGNERS = "signers"
SIGNER_SET = "signer_set"  # the sorted signers, whole, for the signers facet
CLASSIFIED_BY = "classified_by"
REFS = "refs"
PARA_LEVELS = "para_levels"
DECL = "decl"
VERSIONS = "versions"
PART_CAVEATS = "part_caveats"  # controlling caveats of any part (unknown ones as OTHER)
HEADER_CAVEATS = "header_caveats"  # the banner's controlling caveats
MIN_PLAIN = "min_plain"  # lowest level of a part demanding no caveat (NO_LEVEL: none)
MIN_CAVEATED = "min_caveated"  # lowest level of a part demanding caveats
DECL_DAY = "decl_day"  # DECL date as a proleptic ordinal; 0 when not a date
NO_LEVEL = 255
OTHER_CAVEAT = "OTHER"

FILTER_FIELDS = (CAVEATS, REASONS, REFS, PARA_LEVELS, DECL)  # matched, never counted
FACET_FIELDS = (ORIGIN, MONTH, TAGS, CAVEAT_SET, REASON_SET, SIGNER_SET)  # matched, counted
TOKENISED_FIELDS = (SIGNERS, CLASSIFIED_BY)
NUMBER_FIELDS = (YEAR, CLASSIFICATION, LEVEL, MIN_LEVEL, VERSIONS, MIN_PLAIN, MIN_CAVEATED,
                 DECL_DAY)
ACCESS_FIELDS = (PART_CAVEATS, HEADER_CAVEATS)


def text_field(level: int, caveated: bool = False) -> str:
    return f"text_{level}_c" if caveated else f"text_{level}"


def subject_field(level: int, caveated: bool = False) -> str:
    return f"subject_{level}_c" if caveated else f"subject_{level}"


# Every paragraph-text and subject field, in level order, plain before caveated.
TEXT_FIELDS = tuple(text_field(level, c) for level in LEVELS for c in (False, True))
SUBJECT_FIELDS = tuple(subject_field(level, c) for level in LEVELS for c in (False, True))


def visible_levels(max_level: int | None) -> range:
    return range(0, TOP + 1 if max_level is None else min(max_level, TOP) + 1)


def build() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(ID, stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    for level in LEVELS:
        # Positions for phrases. Subjects are stored (every hit shows one); paragraph text
        # is kept in ``index.texts`` for snippets: stored here it was two thirds of the
        # index, memory-mapped whole by every merge.
        for caveated in (False, True):
            builder.add_text_field(subject_field(level, caveated), stored=True)
            builder.add_text_field(text_field(level, caveated), stored=False)
    for name in ACCESS_FIELDS:  # stored: a hit's snippet and subject are decided per doc
        builder.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    for name in FILTER_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in FACET_FIELDS:
        builder.add_text_field(
            name, stored=name == ORIGIN, fast=True, tokenizer_name="raw", index_option="basic"
        )
    for name in TOKENISED_FIELDS:
        builder.add_text_field(name)
    builder.add_date_field(CREATED, stored=True, indexed=True, fast=True)
    for name in NUMBER_FIELDS:
        builder.add_unsigned_field(name, stored=True, indexed=True, fast=True)
    return builder.build()
