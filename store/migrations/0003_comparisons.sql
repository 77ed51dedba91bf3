-- Comparisons: saved sets of cases (or of groups such as countries) to read
-- side by side, and the notes a researcher writes on one row of a comparison
-- (one section across the compared cases).

CREATE TABLE comparison (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind        TEXT NOT NULL CHECK (kind IN ('cases', 'groups')),
    members     TEXT NOT NULL,            -- JSON: case ids, or facet values
    facet       TEXT NOT NULL DEFAULT '', -- the facet of the groups (country, field, ...)
    scope       TEXT NOT NULL DEFAULT '{}', -- JSON: a filter narrowing the groups' cases
    sections    TEXT NOT NULL DEFAULT '[]', -- JSON: section keys shown; [] = all
    only_shared INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- A row note belongs to what is compared (the subject: the kind and its
-- sorted members), not to a saved name: the same cases compared again, saved
-- or not, show the same notes.
CREATE TABLE comparison_note (
    subject    TEXT NOT NULL,
    row_key    TEXT NOT NULL,
    text       TEXT NOT NULL,
    author     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (subject, row_key)
) STRICT, WITHOUT ROWID;
