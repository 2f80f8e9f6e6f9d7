-- A folded name (RegistryProjection.fold) can be up to 3 times as long as the name: 100 Hangul syllables fold to
-- 300 jamo, which did not fit VARCHAR(200) and stopped the registry's projection. generation.sql now makes the column
-- VARCHAR(600) (200 characters, the input policy's limit, times 3, the most any character folds to); this widens it
-- in the generations that exist already. Widening a VARCHAR rewrites nothing and keeps the index.
DO $$
DECLARE
    generation_schema TEXT;
BEGIN
    FOR generation_schema IN
        SELECT g.schema_name FROM registry_generation g
        WHERE EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = g.schema_name
                      AND c.table_name = 'organisation' AND c.column_name = 'name_folded')
    LOOP
        EXECUTE format('ALTER TABLE %I.organisation ALTER COLUMN name_folded TYPE VARCHAR(600)', generation_schema);
    END LOOP;
END
$$;
