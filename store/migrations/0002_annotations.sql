-- Annotations: the codebook, highlights with their codes and memos, memos on
-- a case or a section, and the operation log behind undo and redo.

CREATE TABLE code (
    id          TEXT PRIMARY KEY,              -- UUID, stable across catalogues
    parent_id   TEXT REFERENCES code (id),
    name        TEXT NOT NULL,
    color       TEXT NOT NULL,                 -- #rrggbb
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX code_parent ON code (parent_id, position);

-- A highlight: a passage of one section, kept by rune offsets and by its
-- quote with some text around it (W3C TextQuote + TextPosition), so that it
-- can be found again when the text changes. orphaned = 1 when it could not.
CREATE TABLE annotation (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
    section_key TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    quote       TEXT NOT NULL,
    prefix      TEXT NOT NULL,
    suffix      TEXT NOT NULL,
    memo        TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL DEFAULT '',
    orphaned    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (start >= 0 AND end > start)
) STRICT;
CREATE INDEX annotation_case ON annotation (case_id, section_key, start);

CREATE TABLE annotation_code (
    annotation_id TEXT NOT NULL REFERENCES annotation (id) ON DELETE CASCADE,
    code_id       TEXT NOT NULL REFERENCES code (id),
    PRIMARY KEY (annotation_id, code_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX annotation_code_code ON annotation_code (code_id);

-- A memo on a whole case (section_key '') or on one of its sections.
CREATE TABLE memo (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
    section_key TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    author      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX memo_case ON memo (case_id, section_key);

-- Every annotating action, with the rows it changed before and after (JSON),
-- so that undo and redo replay it; per session, the editing run of one window.
CREATE TABLE op (
    seq     INTEGER PRIMARY KEY,
    session TEXT NOT NULL,
    label   TEXT NOT NULL,
    changes TEXT NOT NULL,
    state   TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'dropped')),
    at      TEXT NOT NULL
) STRICT;
CREATE INDEX op_session ON op (session, state, seq);

-- The search index learns the notes: highlighted quotes and memos of a case.
ALTER TABLE search_doc ADD COLUMN notes TEXT NOT NULL DEFAULT '';
DROP TRIGGER search_doc_ai;
DROP TRIGGER search_doc_ad;
DROP TRIGGER search_doc_au;
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5 (
    title, body, notes,
    content = 'search_doc', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(5.0, 1.0, 2.0)');
CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
    INSERT INTO search_index (rowid, title, body, notes) VALUES (new.id, new.title, new.body, new.notes);
END;
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
    INSERT INTO search_index (search_index, rowid, title, body, notes)
        VALUES ('delete', old.id, old.title, old.body, old.notes);
END;
CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
    INSERT INTO search_index (search_index, rowid, title, body, notes)
        VALUES ('delete', old.id, old.title, old.body, old.notes);
    INSERT INTO search_index (rowid, title, body, notes) VALUES (new.id, new.title, new.body, new.notes);
END;
INSERT INTO search_index (search_index) VALUES ('rebuild');
