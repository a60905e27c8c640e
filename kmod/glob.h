/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Path patterns shared by the module and dmzguardctl: '*' matches within
 * one path component, '**' across components, '?' one character other
 * than '/'.  Everything else is literal.
 */
#ifndef _DMZG_GLOB_H
#define _DMZG_GLOB_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include "kernel_types.h"	/* userspace/: u32 and friends */
#endif

enum dmzg_glob_error {
	DMZG_GLOB_OK,
	DMZG_GLOB_EMPTY,
	DMZG_GLOB_RELATIVE,
	DMZG_GLOB_TOO_LONG,
	DMZG_GLOB_TRIPLE_STAR,
	DMZG_GLOB_TOO_MANY_WILDCARDS,
	DMZG_GLOB_CONTROL_CHAR,
};

bool dmzg_glob_match(const char *pat, size_t plen, const char *str,
		     size_t slen);
bool dmzg_glob_has_wildcard(const char *pat, size_t plen);
size_t dmzg_glob_anchor_len(const char *pat, size_t plen);
enum dmzg_glob_error dmzg_glob_validate(const char *pat, size_t plen,
					size_t *bad_offset);
enum dmzg_glob_error dmzg_glob_validate_relative(const char *pat, size_t plen,
						 size_t *bad_offset);
const char *dmzg_glob_strerror(enum dmzg_glob_error err);
u32 dmzg_hash_bytes(const void *data, size_t len);

/*
 * A relative name: neither absolute nor the "@name" form of an abstract
 * unix socket.  Only relative patterns match it, and they match nothing
 * else.
 */
static inline bool dmzg_path_is_relative(const char *path, size_t len)
{
	return len && path[0] != '/' && path[0] != '@';
}

#define DMZG_HASH_INIT 2166136261U	/* FNV-1a offset basis */

/*
 * One FNV-1a step.  Incremental, so that a single pass over a path yields
 * the hash of every directory prefix.
 */
static inline u32 dmzg_hash_step(u32 h, unsigned char c)
{
	return (h ^ c) * 16777619U;
}

#endif /* _DMZG_GLOB_H */
