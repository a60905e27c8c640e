// SPDX-License-Identifier: GPL-2.0
/*
 * Path pattern matching, compiled into both the module and dmzguardctl so
 * that the userspace checker and the kernel agree on what a pattern means.
 */
#include "glob.h"
#include "uapi/dmzguard.h"

#ifdef __KERNEL__
#include <linux/export.h>
#endif

/**
 * dmzg_glob_match() - match a path against a pattern
 * @pat: pattern, not NUL-terminated
 * @plen: pattern length
 * @str: path, not NUL-terminated
 * @slen: path length
 *
 * Iterative matching with two backtrack points: the innermost '*' (which
 * may only grow within a component) and the innermost '**' (which may
 * grow across '/').  Runs in O(plen * slen) at worst, with no recursion.
 *
 * Return: true if @str matches @pat as a whole.
 */
bool dmzg_glob_match(const char *pat, size_t plen, const char *str,
		     size_t slen)
{
	size_t p = 0, s = 0;
	size_t star_p = 0, star_s = 0, dstar_p = 0, dstar_s = 0;
	bool star = false, dstar = false;

	while (s < slen) {
		if (p < plen && pat[p] == '*') {
			if (p + 1 < plen && pat[p + 1] == '*') {
				p += 2;
				dstar = true;
				dstar_p = p;
				dstar_s = s;
				star = false;
			} else {
				p++;
				star = true;
				star_p = p;
				star_s = s;
			}
			continue;
		}
		if (p < plen && (pat[p] == str[s] ||
				 (pat[p] == '?' && str[s] != '/'))) {
			p++;
			s++;
			continue;
		}
		if (star && str[star_s] != '/') {
			star_s++;
			s = star_s;
			p = star_p;
			continue;
		}
		if (dstar) {
			dstar_s++;
			s = dstar_s;
			p = dstar_p;
			star = false;
			continue;
		}
		return false;
	}
	while (p < plen && pat[p] == '*')
		p++;
	return p == plen;
}

/**
 * dmzg_glob_has_wildcard() - tell whether a pattern needs glob matching
 * @pat: pattern
 * @plen: pattern length
 *
 * Return: true if @pat contains '*' or '?'.
 */
bool dmzg_glob_has_wildcard(const char *pat, size_t plen)
{
	size_t i;

	for (i = 0; i < plen; i++)
		if (pat[i] == '*' || pat[i] == '?')
			return true;
	return false;
}

/**
 * dmzg_glob_anchor_len() - length of a pattern's literal directory prefix
 * @pat: pattern
 * @plen: pattern length
 *
 * The anchor is everything up to and including the last '/' before the
 * first wildcard; it is empty for a relative pattern with a wildcard in
 * its first component.  Every path the pattern matches starts with it,
 * which is what lets a lookup find candidate patterns by hashing the
 * path's directory prefixes instead of scanning every pattern.
 *
 * Return: anchor length (at least 1 for an absolute pattern).
 */
size_t dmzg_glob_anchor_len(const char *pat, size_t plen)
{
	size_t i, anchor = 0;

	for (i = 0; i < plen; i++) {
		if (pat[i] == '*' || pat[i] == '?')
			break;
		if (pat[i] == '/')
			anchor = i + 1;
	}
	return anchor;
}

static enum dmzg_glob_error validate(const char *pat, size_t plen,
				     bool relative_ok, size_t *bad_offset)
{
	size_t i, wild = 0;

	*bad_offset = 0;
	if (plen == 0)
		return DMZG_GLOB_EMPTY;
	if (pat[0] != '/' && !relative_ok)
		return DMZG_GLOB_RELATIVE;
	if (plen >= DMZG_PATH_MAX) {
		*bad_offset = DMZG_PATH_MAX - 1;
		return DMZG_GLOB_TOO_LONG;
	}
	for (i = 0; i < plen; i++) {
		unsigned char c = pat[i];

		*bad_offset = i;
		if (c < 0x20 || c == 0x7f)
			return DMZG_GLOB_CONTROL_CHAR;
		if (c == '*' && i + 2 < plen && pat[i + 1] == '*' &&
		    pat[i + 2] == '*')
			return DMZG_GLOB_TRIPLE_STAR;
		if (c == '*' || c == '?') {
			if (++wild > DMZG_MAX_WILDCARDS)
				return DMZG_GLOB_TOO_MANY_WILDCARDS;
			if (c == '*' && i + 1 < plen && pat[i + 1] == '*')
				i++;
		}
	}
	*bad_offset = 0;
	return DMZG_GLOB_OK;
}

/**
 * dmzg_glob_validate() - check that a string is an acceptable path pattern
 * @pat: pattern
 * @plen: pattern length
 * @bad_offset: set to the offending byte's offset on error
 *
 * Return: DMZG_GLOB_OK or the reason the pattern is refused.
 */
enum dmzg_glob_error dmzg_glob_validate(const char *pat, size_t plen,
					size_t *bad_offset)
{
	return validate(pat, plen, false, bad_offset);
}

/**
 * dmzg_glob_validate_relative() - check a pattern that may be relative
 * @pat: pattern
 * @plen: pattern length
 * @bad_offset: set to the offending byte's offset on error
 *
 * As dmzg_glob_validate(), but a pattern not starting with '/' is taken
 * too.  Only unix socket rules want one: a server may bind its socket by
 * a relative name, and the peer check can only see that name.
 *
 * Return: DMZG_GLOB_OK or the reason the pattern is refused.
 */
enum dmzg_glob_error dmzg_glob_validate_relative(const char *pat, size_t plen,
						 size_t *bad_offset)
{
	return validate(pat, plen, true, bad_offset);
}

/**
 * dmzg_glob_strerror() - describe a pattern validation error
 * @err: the error
 *
 * Return: a static, human-readable string.
 */
const char *dmzg_glob_strerror(enum dmzg_glob_error err)
{
	switch (err) {
	case DMZG_GLOB_OK:
		return "valid";
	case DMZG_GLOB_EMPTY:
		return "empty path";
	case DMZG_GLOB_RELATIVE:
		return "path must be absolute (start with '/')";
	case DMZG_GLOB_TOO_LONG:
		return "path longer than PATH_MAX (4095 bytes)";
	case DMZG_GLOB_TRIPLE_STAR:
		return "'***' is not a pattern (use '*' or '**')";
	case DMZG_GLOB_TOO_MANY_WILDCARDS:
		return "more than 8 wildcards in one pattern";
	case DMZG_GLOB_CONTROL_CHAR:
		return "control character in path";
	}
	return "invalid path";
}

/**
 * dmzg_hash_bytes() - FNV-1a hash of a byte string
 * @data: bytes
 * @len: number of bytes
 *
 * Return: the hash.
 */
u32 dmzg_hash_bytes(const void *data, size_t len)
{
	const unsigned char *b = data;
	u32 h = DMZG_HASH_INIT;
	size_t i;

	for (i = 0; i < len; i++)
		h = dmzg_hash_step(h, b[i]);
	return h;
}
