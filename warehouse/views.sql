-- Views for people reading the warehouse; the dashboard's queries build on them. Each fact table stores its
-- source_count (filled by the loader from the link tables), so the views are plain joins to small tables.

-- The fact views carry their source's title, publisher and address: a row read or downloaded alone can be cited.
CREATE VIEW v_agreements AS
SELECT a.*, s.held_on, s.city, s.host_country,
       src.title AS source_title, src.publisher AS source_publisher, src.url AS source_url
FROM agreements a LEFT JOIN summits s USING (summit_id)
JOIN sources src ON src.source_id = a.source_id;

CREATE VIEW v_participants AS
SELECT p.*, s.held_on, s.city, s.host_country, c.name_en AS country_name,
       p.country_code = s.host_country AS is_host,
       src.title AS source_title, src.publisher AS source_publisher, src.url AS source_url
FROM participants p
JOIN summits s USING (summit_id)
LEFT JOIN countries c USING (country_code)
JOIN sources src ON src.source_id = p.source_id;

CREATE VIEW v_figures AS
SELECT f.*, s.held_on, s.city,
       coalesce(c.name_en, CASE WHEN f.scope = 'C5' THEN 'Central Asia' END) AS scope_name,
       src.title AS source_title, src.publisher AS source_publisher, src.url AS source_url
FROM figures f
LEFT JOIN summits s USING (summit_id)
LEFT JOIN countries c ON c.country_code = f.scope
JOIN sources src ON src.source_id = f.source_id;

CREATE VIEW v_sources AS
SELECT src.source_id, src.file_name, src.language, src.title, src.publisher, src.published_on, src.summit_id,
       src.url, src.char_count,
       coalesce(p.n, 0) AS participant_facts, coalesce(a.n, 0) AS agreement_facts, coalesce(f.n, 0) AS figure_facts
FROM sources src
LEFT JOIN (SELECT source_id, count(*) AS n FROM participant_sources GROUP BY ALL) p USING (source_id)
LEFT JOIN (SELECT source_id, count(*) AS n FROM agreement_sources GROUP BY ALL) a USING (source_id)
LEFT JOIN (SELECT source_id, count(*) AS n FROM figure_sources GROUP BY ALL) f USING (source_id);

CREATE VIEW v_summits AS
SELECT s.*, c.name_en AS host_name,
       (SELECT count(*) FROM sources x WHERE x.summit_id = s.summit_id) AS source_count,
       (SELECT count(*) FROM participants p WHERE p.summit_id = s.summit_id) AS participant_count,
       (SELECT count(*) FROM agreements a WHERE a.summit_id = s.summit_id) AS agreement_count,
       (SELECT count(*) FROM figures f WHERE f.summit_id = s.summit_id) AS figure_count
FROM summits s LEFT JOIN countries c ON c.country_code = s.host_country;

CREATE VIEW v_unplaced_sources AS
SELECT v.source_id, v.file_name, v.language, v.title, v.published_on,
       (SELECT string_agg(concat_ws(' · ', 'edition ' || m.edition_written, 'date ' || m.held_on_written,
                                    'city ' || m.city_written, '«' || m.quote || '»'), ' | ')
        FROM summit_mentions m WHERE m.source_id = v.source_id) AS evidence,
       v.participant_facts, v.agreement_facts, v.figure_facts
FROM v_sources v WHERE v.summit_id IS NULL;

CREATE VIEW v_unplaced_facts AS
SELECT 'participant' AS fact, p.participant_id AS fact_id, p.source_id, s.file_name,
       concat_ws(' · ', coalesce(p.person, p.country_code, p.organization), p.role) AS what, p.confidence, p.quote
FROM participants p JOIN sources s ON s.source_id = p.source_id WHERE p.summit_id IS NULL
UNION ALL
SELECT 'agreement', a.agreement_id, a.source_id, s.file_name,
       concat_ws(' · ', a.kind, a.adoption, coalesce(a.title_ru, a.title_kk, a.title_en)), a.confidence, a.quote
FROM agreements a JOIN sources s ON s.source_id = a.source_id WHERE a.summit_id IS NULL
UNION ALL
SELECT 'figure', f.figure_id, f.source_id, s.file_name,
       concat_ws(' · ', f.scope, f.counterpart, f.metric, f.kind, f.value || ' ' || f.unit, f.period), f.confidence, f.quote
FROM figures f JOIN sources s ON s.source_id = f.source_id WHERE f.summit_id IS NULL;
