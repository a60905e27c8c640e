/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-only builds.  `make DMZG_MUTANT=NAME DMZG_MUTANT_FILE=FILE`
 * compiles the module with one decision point disabled (it lets through what it should decide), so
 * that `make check-mutants` can prove the test suite notices.  A normal
 * build defines no DMZG_MUTANT_* and every dmzg_mutant() is false at
 * compile time.
 */
#ifndef _DMZG_MUTANT_H
#define _DMZG_MUTANT_H

#include <linux/kconfig.h>

#define dmzg_mutant(name) IS_ENABLED(DMZG_MUTANT_##name)

#endif /* _DMZG_MUTANT_H */
