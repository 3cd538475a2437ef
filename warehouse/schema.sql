-- Tables of the summit warehouse. Names and columns are a public interface: extend, never rename or drop.
-- Every column is described in docs/warehouse.md (loaded into the file as COMMENTs).

CREATE TABLE countries (
    country_code VARCHAR PRIMARY KEY,
    name_en VARCHAR NOT NULL,
    name_ru VARCHAR NOT NULL,
    name_kk VARCHAR NOT NULL,
    is_member BOOLEAN NOT NULL,
    member_since INTEGER,
    source_url VARCHAR
);

CREATE TABLE people (
    person_id VARCHAR PRIMARY KEY,
    name_en VARCHAR NOT NULL,
    country_code VARCHAR REFERENCES countries (country_code),
    organization VARCHAR,
    office VARCHAR NOT NULL,
    term_start DATE,
    term_end DATE,
    source_url VARCHAR
);

CREATE TABLE summits (
    summit_id INTEGER PRIMARY KEY,
    held_on DATE,
    city VARCHAR,
    host_country VARCHAR REFERENCES countries (country_code),
    chair VARCHAR,
    origin VARCHAR NOT NULL CHECK (origin IN ('text', 'reference', 'text+reference')),
    reference_url VARCHAR
);

CREATE TABLE sources (
    source_id INTEGER PRIMARY KEY,
    file_name VARCHAR NOT NULL UNIQUE,
    language VARCHAR NOT NULL CHECK (language IN ('ru', 'kk', 'en')),
    title VARCHAR,
    publisher VARCHAR,
    published_on DATE,
    summit_id INTEGER REFERENCES summits (summit_id),
    sha256 VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    url VARCHAR,
    encoding VARCHAR,
    char_count INTEGER NOT NULL,
    format VARCHAR NOT NULL CHECK (format IN ('txt', 'md', 'html', 'pdf', 'docx'))
);

CREATE TABLE summit_mentions (
    source_id INTEGER NOT NULL REFERENCES sources (source_id),
    summit_id INTEGER REFERENCES summits (summit_id),
    edition_written INTEGER,
    held_on_written DATE,
    city_written VARCHAR,
    is_event_sentence BOOLEAN NOT NULL,
    quote VARCHAR NOT NULL
);

CREATE TABLE participants (
    participant_id INTEGER PRIMARY KEY,
    summit_id INTEGER REFERENCES summits (summit_id),  -- NULL: the text could not be placed at a meeting
    country_code VARCHAR REFERENCES countries (country_code),
    organization VARCHAR,
    person VARCHAR,
    person_id VARCHAR REFERENCES people (person_id),
    role VARCHAR NOT NULL CHECK (role IN ('head_of_state', 'guest')),
    is_chair BOOLEAN NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources (source_id),
    quote VARCHAR NOT NULL,
    confidence VARCHAR NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
    source_count INTEGER NOT NULL DEFAULT 1,
    rule VARCHAR,
    CHECK (country_code IS NOT NULL OR organization IS NOT NULL)
);

CREATE TABLE participant_sources (
    participant_id INTEGER NOT NULL REFERENCES participants (participant_id),
    source_id INTEGER NOT NULL REFERENCES sources (source_id),
    quote VARCHAR NOT NULL
);

CREATE TABLE agreements (
    agreement_id INTEGER PRIMARY KEY,
    summit_id INTEGER REFERENCES summits (summit_id),
    kind VARCHAR NOT NULL CHECK (kind IN ('joint_statement', 'concept', 'decision', 'roadmap', 'action_plan',
        'memorandum', 'communique', 'treaty', 'declaration', 'agreement', 'programme', 'other')),
    adoption VARCHAR NOT NULL CHECK (adoption IN ('signed', 'approved', 'signed_by_delegations', 'planned')),
    title_ru VARCHAR,
    title_en VARCHAR,
    period_from INTEGER,
    period_to INTEGER,
    source_id INTEGER NOT NULL REFERENCES sources (source_id),
    quote VARCHAR NOT NULL,
    title_kk VARCHAR,
    confidence VARCHAR NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
    source_count INTEGER NOT NULL DEFAULT 1,
    rule VARCHAR,
    CHECK (title_ru IS NOT NULL OR title_en IS NOT NULL OR title_kk IS NOT NULL)
);

CREATE TABLE agreement_sources (
    agreement_id INTEGER NOT NULL REFERENCES agreements (agreement_id),
    source_id INTEGER NOT NULL REFERENCES sources (source_id),
    quote VARCHAR NOT NULL
);

CREATE TABLE figures (
    figure_id INTEGER PRIMARY KEY,
    summit_id INTEGER REFERENCES summits (summit_id),
    scope VARCHAR NOT NULL,
    metric VARCHAR NOT NULL,
    kind VARCHAR NOT NULL CHECK (kind IN ('actual', 'target', 'change')),
    value DOUBLE NOT NULL CHECK (value >= 0),
    unit VARCHAR NOT NULL CHECK (unit IN ('USD', 'percent')),
    period VARCHAR,
    source_id INTEGER NOT NULL REFERENCES sources (source_id),
    quote VARCHAR NOT NULL,
    counterpart VARCHAR,
    period_year INTEGER,
    confidence VARCHAR NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
    source_count INTEGER NOT NULL DEFAULT 1,
    rule VARCHAR,
    deadline_year INTEGER,
    period_from INTEGER,
    period_to INTEGER
);

CREATE TABLE figure_sources (
    figure_id INTEGER NOT NULL REFERENCES figures (figure_id),
    source_id INTEGER NOT NULL REFERENCES sources (source_id),
    quote VARCHAR NOT NULL
);

CREATE TABLE etl_rejects (
    file_name VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    detail VARCHAR NOT NULL
);

CREATE TABLE manifest_warnings (
    line INTEGER NOT NULL,
    file_name VARCHAR,
    problem VARCHAR NOT NULL
);
