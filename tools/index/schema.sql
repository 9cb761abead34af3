-- OPENED symbol index. One database per repository (and cflags).
-- Paths are relative to the repository root with forward slashes; system
-- headers are never indexed. Every table that describes a translation unit
-- carries its .c file in column `tu`, so a re-parsed unit is replaced by
-- deleting its rows.

-- Key/value facts about how the index was built: schema, clang, cflags.
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per translation unit (.c file). `key` hashes the unit's .c file,
-- every project header it entered, the cflags and the clang version; the
-- unit is re-parsed only when it changes. `model` is the JSON model
-- (cfront.TU) the extractor reads; `error` holds clang's diagnostics when
-- the unit does not compile for -target bpf (user-space sources, say).
CREATE TABLE IF NOT EXISTS files (
  path   TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  key    TEXT NOT NULL,
  status TEXT NOT NULL,          -- ok | error
  error  TEXT NOT NULL DEFAULT '',
  model  BLOB
);

-- Project files (headers and the .c itself) each unit entered, with the
-- hash seen when it was parsed.
CREATE TABLE IF NOT EXISTS tu_deps (
  tu     TEXT NOT NULL,
  file   TEXT NOT NULL,
  sha256 TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tu_deps_tu ON tu_deps(tu);

-- Top-level declarations of project files as seen from each unit. A header
-- declaration appears once per unit that includes it.
CREATE TABLE IF NOT EXISTS symbols (
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,   -- function | var | map | type | typedef | enum | enum_const | macro
  file          TEXT NOT NULL,
  start_line    INTEGER NOT NULL,
  end_line      INTEGER NOT NULL,
  start_offset  INTEGER NOT NULL,
  end_offset    INTEGER NOT NULL,
  tu            TEXT NOT NULL,
  is_definition INTEGER NOT NULL,
  storage       TEXT NOT NULL,   -- '' | static | extern
  section       TEXT NOT NULL,   -- ELF section, '' if none
  signature     TEXT NOT NULL,   -- clang type, e.g. 'int (struct xdp_md *)'
  weak          INTEGER NOT NULL -- 1 for __attribute__((weak)) definitions
);
CREATE INDEX IF NOT EXISTS symbols_name ON symbols(name);
CREATE INDEX IF NOT EXISTS symbols_tu ON symbols(tu);

-- Direct calls between functions (callee may be defined in another unit).
CREATE TABLE IF NOT EXISTS calls (
  tu     TEXT NOT NULL,
  caller TEXT NOT NULL,
  callee TEXT NOT NULL,
  line   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS calls_caller ON calls(caller);

-- References from a declaration to globals, maps and enum constants (from
-- clang's AST), and to project types and macros (identifiers in the
-- declaration's text; line is then the declaration's first line).
CREATE TABLE IF NOT EXISTS refs (
  tu       TEXT NOT NULL,
  from_sym TEXT NOT NULL,
  to_sym   TEXT NOT NULL,
  kind     TEXT NOT NULL,        -- var | enum_const | function (address taken) | type | macro
  line     INTEGER NOT NULL
);

-- Map operands of helper calls: access is read (lookup), write
-- (update/delete/push/pop), tail_call, or ref (any other helper).
CREATE TABLE IF NOT EXISTS map_uses (
  tu       TEXT NOT NULL,
  function TEXT NOT NULL,
  map      TEXT NOT NULL,
  access   TEXT NOT NULL,
  helper   TEXT NOT NULL,
  line     INTEGER NOT NULL
);

-- Calls of BPF helpers (function pointers initialised with the helper id).
CREATE TABLE IF NOT EXISTS helper_calls (
  tu        TEXT NOT NULL,
  function  TEXT NOT NULL,
  helper    TEXT NOT NULL,
  helper_id INTEGER NOT NULL,
  line      INTEGER NOT NULL
);

-- Map definitions. style: btf | legacy | iproute2. type is the enum
-- bpf_map_type name. pinning: 0 none, 1 by name (libbpf), 2 PIN_GLOBAL_NS.
CREATE TABLE IF NOT EXISTS maps (
  tu          TEXT NOT NULL,
  name        TEXT NOT NULL,
  file        TEXT NOT NULL,
  start_line  INTEGER NOT NULL,
  end_line    INTEGER NOT NULL,
  style       TEXT NOT NULL,
  type        TEXT NOT NULL,
  key_type    TEXT NOT NULL,
  value_type  TEXT NOT NULL,
  key_size    INTEGER NOT NULL,
  value_size  INTEGER NOT NULL,
  max_entries INTEGER NOT NULL,
  pinning     INTEGER NOT NULL,
  inner       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS maps_name ON maps(name);

-- Build cache of the extractor: clang objects keyed by the hash of their
-- source, the clang version and the flags, so that an unchanged mcu.c is not
-- recompiled (clang output is deterministic for identical input).
CREATE TABLE IF NOT EXISTS objects (
  key  TEXT PRIMARY KEY,
  data BLOB NOT NULL
);
