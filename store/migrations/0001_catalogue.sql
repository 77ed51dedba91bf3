-- The first schema: template and vocabularies as data, cases with their
-- sections, tags and sources, and a full-text index over titles and sections.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The case template: the ordered sections every case may fill.
CREATE TABLE template_section (
    key      TEXT PRIMARY KEY,
    heading  TEXT NOT NULL UNIQUE COLLATE NOCASE,
    position INTEGER NOT NULL
) STRICT;

-- Controlled vocabularies (field, level, direction, mechanism, provenance,
-- country): data, so that a team can add a value without a new build.
CREATE TABLE vocabulary (
    kind     TEXT NOT NULL,
    value    TEXT NOT NULL,
    label    TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (kind, value)
) STRICT;

CREATE TABLE "case" (
    id           TEXT PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    country      TEXT NOT NULL,
    region       TEXT NOT NULL DEFAULT '',
    field        TEXT NOT NULL,
    period_start INTEGER,
    period_end   INTEGER,
    institution  TEXT NOT NULL DEFAULT '',
    provenance   TEXT NOT NULL,
    -- seed: shipped with Casebook and refreshed by newer seeds; import: the user's own.
    origin       TEXT NOT NULL CHECK (origin IN ('seed', 'import')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX case_country ON "case" (country, id);
CREATE INDEX case_field ON "case" (field, id);
CREATE INDEX case_provenance ON "case" (provenance, id);

-- Multi-valued attributes (level, direction, mechanism, instrument), one row each.
CREATE TABLE case_tag (
    case_id  TEXT NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
    facet    TEXT NOT NULL,
    value    TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (case_id, facet, value)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_tag_value ON case_tag (facet, value, case_id);

CREATE TABLE case_author (
    case_id  TEXT NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (case_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE section (
    case_id TEXT NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
    key     TEXT NOT NULL REFERENCES template_section (key),
    text    TEXT NOT NULL,
    PRIMARY KEY (case_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE source (
    case_id  TEXT NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    url      TEXT NOT NULL,
    PRIMARY KEY (case_id, position)
) STRICT, WITHOUT ROWID;

-- What the search index holds: one row per case, its title and all its
-- sections in template order, with the letters unicode61 cannot fold
-- (ł, ø, ß, ...) already folded by the store. One row per case makes every
-- word of a query, and every exclusion, apply to the case as a whole.
CREATE TABLE search_doc (
    id      INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL UNIQUE REFERENCES "case" (id) ON DELETE CASCADE,
    title   TEXT NOT NULL,
    body    TEXT NOT NULL
) STRICT;

-- External-content FTS5 index over search_doc: diacritics folded, prefix
-- indexes so that search-as-you-type stays fast.
CREATE VIRTUAL TABLE search_index USING fts5 (
    title, body,
    content = 'search_doc', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);

-- Rank by bm25 with a title match weighing five times a match in the
-- sections; set as the table's rank so that ORDER BY rank lets FTS5 hand rows
-- over best first and snippets are cut only for the rows shown.
INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(5.0, 1.0)');

-- Triggers keep the index in step with search_doc in the same transaction,
-- whichever code path writes it.
CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
    INSERT INTO search_index (search_index, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
    INSERT INTO search_index (search_index, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO search_index (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
