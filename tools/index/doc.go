// Package index maintains a sqlite index of a BPF C repository: one row per
// translation unit (.c file) with the clang model the extractor needs, and
// relational tables of symbols, calls, helper calls, map uses and maps.
//
// The schema is schema.sql (embedded). The index is incremental: Update
// re-parses a unit only when the hash of its .c file, of any project header
// it entered, of the cflags or of the clang version changed.
//
// With Options.Lazy (opened extract) Open parses nothing; each query first
// parses the units it may need, found by a textual prefilter (the query's
// identifier in a unit's .c file or in a file it may #include) and judged
// by clang; Complete parses the rest. See lazy.go. Units go to clang in
// batches (cfront.ParseUnits); a query's batch also carries the units its
// text says later queries will need (a prototype or extern declaration whose
// non-static definition is in another unit), and in a repository with over
// 1 MB of C text the entry's unit is parsed while the prefilter is built
// (StartEntry). Such units are held in memory until a query asks for them,
// never stored otherwise: prefetching changes when clang runs, not what the
// index answers (prefetch.go).
//
// The database is an ordinary sqlite file; examples with the sqlite3 shell:
//
//	-- where is a function defined, and in which units?
//	SELECT file, start_line, tu FROM symbols
//	 WHERE name = 'parse_ip' AND kind = 'function' AND is_definition = 1;
//
//	-- who calls classify_flow?
//	SELECT DISTINCT caller, tu, line FROM calls WHERE callee = 'classify_flow';
//
//	-- which functions read or write each map?
//	SELECT map, function, access, helper, line FROM map_uses ORDER BY map;
//
//	-- every program (function with an ELF section) and its section
//	SELECT DISTINCT name, section, file FROM symbols
//	 WHERE kind = 'function' AND section != '';
//
//	-- which declarations use struct flow_key or the macro MAX_VIPS?
//	SELECT DISTINCT from_sym, kind FROM refs WHERE to_sym IN ('flow_key', 'MAX_VIPS');
//
//	-- maps pinned by name
//	SELECT name, style, type, file FROM maps WHERE pinning != 0;
//
//	-- units that do not compile for -target bpf, and why
//	SELECT path, error FROM files WHERE status = 'error';
package index
