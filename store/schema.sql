-- The store's schema: the one place where tables are defined.
-- Every input row keeps its source file and line, so that a number in a table
-- can be traced back to what a researcher coded.

CREATE TABLE meta (
    key   VARCHAR NOT NULL PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- The files the study was read from (study.yaml and every file it names),
-- with the SHA-256 of the bytes read: source_file in every other table is
-- one of these.
CREATE TABLE input_files (
    file   VARCHAR NOT NULL PRIMARY KEY,
    sha256 VARCHAR NOT NULL,
    bytes  BIGINT NOT NULL
);

CREATE TABLE work_packages (
    id    VARCHAR NOT NULL PRIMARY KEY,
    title VARCHAR,
    ord   INTEGER NOT NULL            -- order in study.yaml
);

CREATE TABLE codes (
    code        VARCHAR NOT NULL PRIMARY KEY,
    label       VARCHAR NOT NULL,
    dimension   VARCHAR NOT NULL,     -- C, I, M or O
    parent      VARCHAR,
    description VARCHAR,
    category    VARCHAR NOT NULL,     -- top-level ancestor; a category is its own
    depth       INTEGER NOT NULL,     -- 0 for a category
    source_file VARCHAR NOT NULL,
    source_row  INTEGER NOT NULL
);

CREATE TABLE respondents (
    respondent_id VARCHAR NOT NULL PRIMARY KEY,
    role          VARCHAR NOT NULL,
    city          VARCHAR NOT NULL,
    organisation  VARCHAR,
    source_file   VARCHAR NOT NULL,
    source_row    INTEGER NOT NULL
);

CREATE TABLE interviews (
    interview_id  VARCHAR NOT NULL PRIMARY KEY,
    respondent_id VARCHAR NOT NULL,
    work_package  VARCHAR NOT NULL,
    date          VARCHAR,            -- as written; may be fuzzy
    date_from     DATE,               -- first and last day it may stand for
    date_to       DATE,
    case_id       VARCHAR,
    source_file   VARCHAR NOT NULL,
    source_row    INTEGER NOT NULL
);

CREATE TABLE events (
    case_id     VARCHAR NOT NULL,
    event_id    VARCHAR NOT NULL PRIMARY KEY,
    seq         INTEGER NOT NULL,
    kind        VARCHAR NOT NULL,     -- activity, breakthrough or setback
    date        VARCHAR,
    date_from   DATE,
    date_to     DATE,
    phase       VARCHAR,
    description VARCHAR,
    source_file VARCHAR NOT NULL,
    source_row  INTEGER NOT NULL
);

-- One row per coded segment and code.
CREATE TABLE segments (
    segment_no   INTEGER NOT NULL,    -- numbers distinct (interview_id, segment_id)
    interview_id VARCHAR NOT NULL,
    segment_id   VARCHAR NOT NULL,
    code         VARCHAR NOT NULL,
    event_id     VARCHAR,
    chain_id     VARCHAR,
    coder        VARCHAR,
    start_pos    INTEGER,
    end_pos      INTEGER,
    valence      VARCHAR,             -- promoting or hindering
    quote        VARCHAR,             -- confidential: never leaves the store unless asked
    source_file  VARCHAR NOT NULL,
    source_row   INTEGER NOT NULL
);

-- Each coding with what the counts need: its code's place in the codebook,
-- its work package and respondent, its case (the event's, else the
-- interview's), and its chain (chain_id, else event_id; the two kinds of key
-- never mix). Derived once per load (store/load.go) rather than a view, since
-- every table of every work package reads it. A segment coded by two coders
-- has each coder's codings; the counts take DISTINCT segments, so it counts
-- once.
CREATE TABLE codings (
    segment_no    INTEGER NOT NULL,
    interview_id  VARCHAR NOT NULL,
    segment_id    VARCHAR NOT NULL,
    code          VARCHAR NOT NULL,
    dimension     VARCHAR NOT NULL,
    category      VARCHAR NOT NULL,
    work_package  VARCHAR NOT NULL,
    respondent_id VARCHAR NOT NULL,
    case_id       VARCHAR,
    event_id      VARCHAR,            -- the segment's event, if it names one
    chain_kind    VARCHAR,            -- chain_id or event_id
    chain_ref     VARCHAR,
    valence       VARCHAR,
    coder         VARCHAR,            -- NULL when not given; agreement compares coders
    coders        INTEGER NOT NULL    -- distinct coders given for the segment (0 when none)
);

-- The scopes tables are written for: each work package and 'all'.
CREATE VIEW scopes AS
SELECT id AS scope, ord FROM work_packages
UNION ALL
SELECT 'all', (SELECT count(*) FROM work_packages);

-- Linked chains, per scope: written by the chain-linking stage.
CREATE TABLE chain_codings (
    scope        VARCHAR NOT NULL,
    chain_kind   VARCHAR NOT NULL,    -- chain_id or event_id
    chain_ref    VARCHAR NOT NULL,
    segment_no   INTEGER NOT NULL,
    code         VARCHAR NOT NULL,
    dimension    VARCHAR NOT NULL,
    category     VARCHAR NOT NULL,
    case_id      VARCHAR
);

CREATE TABLE chains (
    scope        VARCHAR NOT NULL,
    chain_kind   VARCHAR NOT NULL,
    chain_ref    VARCHAR NOT NULL,
    has_context      BOOLEAN NOT NULL,
    has_intervention BOOLEAN NOT NULL,
    has_mechanism    BOOLEAN NOT NULL,
    has_outcome      BOOLEAN NOT NULL,
    complete     BOOLEAN NOT NULL,    -- has all four dimensions
    segments     INTEGER NOT NULL,
    PRIMARY KEY (scope, chain_kind, chain_ref)
);

-- Every distinct (intervention category, mechanism code, outcome code) of a
-- chain; '' stands for a missing mechanism or outcome.
CREATE TABLE chain_configurations (
    scope                 VARCHAR NOT NULL,
    chain_kind            VARCHAR NOT NULL,
    chain_ref             VARCHAR NOT NULL,
    intervention_category VARCHAR NOT NULL,
    mechanism             VARCHAR NOT NULL,
    outcome               VARCHAR NOT NULL
);
