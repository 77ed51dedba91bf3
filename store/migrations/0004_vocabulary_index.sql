-- The words of the search index with the number of cases each occurs in,
-- for "similar passages": a passage's most distinctive words are those that
-- occur in it often and in few cases.
CREATE VIRTUAL TABLE search_words USING fts5vocab (search_index, 'row');
