-- Name search finds parts of words (LIKE '%word%'); at a hundred thousand organisations a scan of every folded name
-- costs more than the search's budget, so each generation indexes the folded names by trigram (generation-standing.sql).
-- pg_trgm ships with PostgreSQL and is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
