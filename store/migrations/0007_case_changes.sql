-- A counter of changes to the cases themselves (not to notes), moved by
-- triggers, so in whichever process the change is made: the facet counts
-- keep the cases' facet values in memory and reload them when it moves.
CREATE TABLE case_changes (n INTEGER NOT NULL) STRICT;
INSERT INTO case_changes (n) VALUES (0);
CREATE TRIGGER case_changes_case_ai AFTER INSERT ON "case" BEGIN UPDATE case_changes SET n = n + 1; END;
CREATE TRIGGER case_changes_case_au AFTER UPDATE ON "case" BEGIN UPDATE case_changes SET n = n + 1; END;
CREATE TRIGGER case_changes_case_ad AFTER DELETE ON "case" BEGIN UPDATE case_changes SET n = n + 1; END;
CREATE TRIGGER case_changes_tag_ai AFTER INSERT ON case_tag BEGIN UPDATE case_changes SET n = n + 1; END;
CREATE TRIGGER case_changes_tag_au AFTER UPDATE ON case_tag BEGIN UPDATE case_changes SET n = n + 1; END;
CREATE TRIGGER case_changes_tag_ad AFTER DELETE ON case_tag BEGIN UPDATE case_changes SET n = n + 1; END;
-- The facet index finds cases by their search row: a new row moves it too
-- (a change of notes updates the row in place and does not).
CREATE TRIGGER case_changes_doc_ai AFTER INSERT ON search_doc BEGIN UPDATE case_changes SET n = n + 1; END;
CREATE TRIGGER case_changes_doc_ad AFTER DELETE ON search_doc BEGIN UPDATE case_changes SET n = n + 1; END;
