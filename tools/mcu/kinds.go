package mcu

// WarningKind is the kind of a warning in warnings.json. Every kind is listed in
// docs/formats.md (TestWarningKindsDocumented checks it).
type WarningKind string

// The warning kinds opened extract writes.
const (
	// KindUserSpaceMap: a map user space instantiates or fills.
	KindUserSpaceMap WarningKind = "user-space-map"
	// KindDuplicateResolved: a name with several definitions, decided (info).
	KindDuplicateResolved WarningKind = "duplicate-resolved"
	// KindDuplicateAmbiguous: several definitions remain possible.
	KindDuplicateAmbiguous WarningKind = "duplicate-ambiguous"
	// KindLegacyMapConverted: a legacy or iproute2 map written as a BTF map (info).
	KindLegacyMapConverted WarningKind = "legacy-map-converted"
	// KindUndefinedFunction and KindUndefinedVariable: a needed symbol no file defines.
	KindUndefinedFunction WarningKind = "undefined-function"
	KindUndefinedVariable WarningKind = "undefined-variable"
	// KindMCUFallback: the minimal mcu.c did not compile; headers were inlined whole.
	KindMCUFallback WarningKind = "mcu-fallback"
	// KindStaticRenamed: a file-local definition or a type renamed in mcu.c because another unit
	// of the MCU needs a different one of the same name (info).
	KindStaticRenamed WarningKind = "static-renamed"
)

// WarningKinds lists every kind, in documentation order.
func WarningKinds() []WarningKind {
	return []WarningKind{KindUserSpaceMap, KindDuplicateResolved, KindDuplicateAmbiguous, KindLegacyMapConverted,
		KindUndefinedFunction, KindUndefinedVariable, KindMCUFallback, KindStaticRenamed}
}
