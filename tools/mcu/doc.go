// Package mcu holds the format of an MCU directory, the box between extraction and every later
// stage: the names of its five files and the Go types of its three JSON files. The extractor
// writes these types and the loader (and later transform and compose) reads them; neither
// reads the other's internals. docs/formats.md describes the same format for people.
package mcu
