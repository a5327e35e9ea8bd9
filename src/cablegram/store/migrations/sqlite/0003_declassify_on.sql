-- The declassification date of each cable's current version, as the parse JSON states it
-- ('YYYY-MM-DD', or the marking's own text when it is no date: X1, 25X1, OADR).
--
-- The access layer reads it for every cable at once, and did so with json_extract over
-- versions.parsed; from this version on, new parses are stored compressed (store/packing.py)
-- and SQL cannot look inside them. The writer keeps this column with the other browsing
-- columns of the current version; existing archives are filled from their JSON here, which
-- is still plain text in any database that has not yet run this migration.
ALTER TABLE cables ADD COLUMN declassify_on TEXT;

UPDATE cables SET declassify_on = (
    SELECT json_extract(v.parsed, '$.declassify_on')
    FROM versions v
    WHERE v.version_id = cables.current_version_id AND typeof(v.parsed) = 'text'
);
