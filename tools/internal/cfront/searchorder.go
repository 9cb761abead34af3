package cfront

// afterUserDirs returns the flags that add dir to clang's search path after the user's -I and
// -isystem directories and the system directories (-idirafter), or none for "". The host's
// multiarch directory goes there: a host compile searches it as a system directory, after the
// user's, so a project that ships its own <asm/types.h> under -Iinclude gets it, also where a
// system header (<linux/types.h>) includes it.
func afterUserDirs(dir string) []string {
	if dir == "" {
		return nil
	}
	return []string{"-idirafter", dir}
}
