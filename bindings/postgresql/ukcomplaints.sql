-- ukcomplaints: the library inside PostgreSQL. See docs/postgresql.md.
\echo Use "CREATE EXTENSION ukcomplaints" to load this file. \quit

-- Calendars loaded from GOV.UK's bank-holidays.json. A row is checked by the
-- library when it is written, so a bad feed never reaches a query; any
-- function that takes a calendar name accepts a row's name as well as a
-- built-in calendar's.
CREATE FUNCTION ukc_calendar_feed_valid(name text, division text, feed jsonb)
RETURNS boolean
AS 'MODULE_PATHNAME', 'ukcpg_calendar_feed_valid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TABLE ukc_calendar_feed (
    name     text PRIMARY KEY,
    division text NOT NULL DEFAULT 'england-and-wales',
    feed     jsonb NOT NULL,
    loaded   timestamptz NOT NULL DEFAULT now(),
    CHECK (ukc_calendar_feed_valid(name, division, feed))
);
SELECT pg_catalog.pg_extension_config_dump('ukc_calendar_feed', '');

CREATE FUNCTION ukc_calendar_from_govuk(name text, feed jsonb,
                                        division text DEFAULT 'england-and-wales')
RETURNS text
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
AS $$
    INSERT INTO @extschema@.ukc_calendar_feed AS f (name, division, feed)
    VALUES (name, division, feed)
    ON CONFLICT ON CONSTRAINT ukc_calendar_feed_pkey
    DO UPDATE SET division = EXCLUDED.division, feed = EXCLUDED.feed, loaded = now()
    RETURNING f.name
$$;

-- Working days. A calendar name may be a stored feed's, whose row may change
-- between statements: these are STABLE, not IMMUTABLE.
CREATE FUNCTION ukc_add_working_days(start date, n integer, calendar text)
RETURNS date
AS 'MODULE_PATHNAME', 'ukcpg_add_working_days'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ukc_count_working_days(from_day date, to_day date, calendar text)
RETURNS integer
AS 'MODULE_PATHNAME', 'ukcpg_count_working_days'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ukc_is_working_day(day date, calendar text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'ukcpg_is_working_day'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ukc_next_working_day(day date, calendar text)
RETURNS date
AS 'MODULE_PATHNAME', 'ukcpg_next_working_day'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ukc_explain_deadline(start date, n integer, calendar text,
                                     receipt text DEFAULT 'day-of-receipt')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ukcpg_explain_deadline'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ukc_holidays(calendar text, from_day date, to_day date)
RETURNS TABLE (day date, name text, kind text, source text, projected boolean)
AS 'MODULE_PATHNAME', 'ukcpg_holidays'
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 20;

-- Classification: the built-in lexicon and model, and the built-in policies,
-- are part of the library: the same text gives the same answer.
CREATE FUNCTION ukc_classify(message text)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ukcpg_classify'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ukc_classify(message text, council text)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ukcpg_route'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- The obligations of one case under a built-in policy, from its opening and
-- events (see docs/postgresql.md for the document's shape).
CREATE FUNCTION ukc_case_obligations(policy text, events jsonb, as_of date)
RETURNS TABLE (id text, rule text, stage text, what text, party text, bound text,
               obligation text, condition text, unit text, start date, due date,
               state text, met date, late_by integer, extended_to integer,
               suspended_days integer, document text, section text, quote text,
               explanation jsonb)
AS 'MODULE_PATHNAME', 'ukcpg_case_obligations'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 6;

-- The same on another calendar, such as one stored from a newer GOV.UK feed:
-- every working-day timescale that uses the policy's calendar uses it instead.
CREATE FUNCTION ukc_case_obligations(policy text, events jsonb, as_of date, calendar text)
RETURNS TABLE (id text, rule text, stage text, what text, party text, bound text,
               obligation text, condition text, unit text, start date, due date,
               state text, met date, late_by integer, extended_to integer,
               suspended_days integer, document text, section text, quote text,
               explanation jsonb)
AS 'MODULE_PATHNAME', 'ukcpg_case_obligations'
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 6;

-- What the policy decided about each event: applied, or refused and why.
CREATE FUNCTION ukc_case_decisions(policy text, events jsonb)
RETURNS TABLE (index integer, event text, day date, allowed boolean, code text,
               slug text, message text, document text, section text, quote text)
AS 'MODULE_PATHNAME', 'ukcpg_case_decisions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 6;

CREATE FUNCTION ukc_case_decisions(policy text, events jsonb, calendar text)
RETURNS TABLE (index integer, event text, day date, allowed boolean, code text,
               slug text, message text, document text, section text, quote text)
AS 'MODULE_PATHNAME', 'ukcpg_case_decisions'
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 6;
