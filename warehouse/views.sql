-- Views for people reading the warehouse; the dashboard's queries build on them.

CREATE VIEW v_agreements AS
SELECT a.*, s.held_on, s.city, s.host_country,
       (SELECT count(DISTINCT l.source_id) FROM agreement_sources l WHERE l.agreement_id = a.agreement_id) AS source_count
FROM agreements a LEFT JOIN summits s USING (summit_id);

CREATE VIEW v_participants AS
SELECT p.*, s.held_on, s.city, s.host_country, c.name_en AS country_name,
       p.country_code = s.host_country AS is_host,
       (SELECT count(DISTINCT l.source_id) FROM participant_sources l WHERE l.participant_id = p.participant_id) AS source_count
FROM participants p
JOIN summits s USING (summit_id)
LEFT JOIN countries c USING (country_code);

CREATE VIEW v_figures AS
SELECT f.*, s.held_on, s.city,
       coalesce(c.name_en, CASE WHEN f.scope = 'C5' THEN 'Central Asia' END) AS scope_name,
       (SELECT count(DISTINCT l.source_id) FROM figure_sources l WHERE l.figure_id = f.figure_id) AS source_count
FROM figures f
LEFT JOIN summits s USING (summit_id)
LEFT JOIN countries c ON c.country_code = f.scope;

CREATE VIEW v_sources AS
SELECT src.source_id, src.file_name, src.language, src.title, src.publisher, src.published_on, src.summit_id,
       src.url, src.char_count,
       (SELECT count(*) FROM participant_sources l WHERE l.source_id = src.source_id) AS participant_facts,
       (SELECT count(*) FROM agreement_sources l WHERE l.source_id = src.source_id) AS agreement_facts,
       (SELECT count(*) FROM figure_sources l WHERE l.source_id = src.source_id) AS figure_facts
FROM sources src;

CREATE VIEW v_summits AS
SELECT s.*, c.name_en AS host_name,
       (SELECT count(*) FROM sources x WHERE x.summit_id = s.summit_id) AS source_count,
       (SELECT count(*) FROM participants p WHERE p.summit_id = s.summit_id) AS participant_count,
       (SELECT count(*) FROM agreements a WHERE a.summit_id = s.summit_id) AS agreement_count,
       (SELECT count(*) FROM figures f WHERE f.summit_id = s.summit_id) AS figure_count
FROM summits s LEFT JOIN countries c ON c.country_code = s.host_country;
