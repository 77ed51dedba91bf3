-- Codes of the starter codebook remember the values the seed gave them, so
-- that a newer codebook updates only the codes the user has not changed.
ALTER TABLE code ADD COLUMN seed TEXT NOT NULL DEFAULT '';
