// Package mcu holds the format of an MCU directory, the box between extraction and every later
// stage: the names of its five files and the Go types of its three JSON files. The extractor
// writes these types and the loader (and later transform and compose) reads them; neither
// reads the other's internals. docs/formats.md describes the same format for people.
//
// A unit whose mcu.c a system header makes open repository headers by name is not
// self-contained: functions.json records the repository include directories every compile of
// mcu.c needs (Functions.Repo, Functions.IncludeDirs), and Unit.CompileFlags gives them to a
// stage that compiles mcu.c again (transform, compose).
package mcu
