/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A strict reader of one JSON object per line, as `dmzguardctl watch
 * --json` and `journalctl -o json` write them.  Top-level members that
 * are strings, numbers, true, false or null are kept; nested arrays and
 * objects are checked and kept only as their type, except an array of
 * byte values (0..255), which journalctl writes for a message that is
 * not valid text and which is kept as those bytes.
 */
#ifndef DMZG_JSON_READER_H
#define DMZG_JSON_READER_H

#include <stddef.h>

enum json_type {
	JSON_STRING,
	JSON_NUMBER,	/* text: the number as written */
	JSON_TRUE,
	JSON_FALSE,
	JSON_NULL,
	JSON_BYTES,	/* text: the bytes of an array of 0..255 */
	JSON_ARRAY,	/* any other array: no text */
	JSON_OBJECT,	/* a nested object: no text */
};

struct json_member {
	char *key;
	enum json_type type;
	char *text;	/* NUL-terminated; NULL for JSON_ARRAY and JSON_OBJECT */
};

struct json_object {
	struct json_member *members;
	size_t n;
};

/*
 * Read @text, which must be exactly one object (blanks around it
 * allowed).  On error, *why is a static message and *col the 1-based
 * column of the offending byte.  Return: 0 or -1 (@obj then empty).
 */
int json_read_object(const char *text, struct json_object *obj,
		     const char **why, size_t *col);
/* The member called @key, or NULL. */
const struct json_member *json_member(const struct json_object *obj,
				      const char *key);
void json_object_free(struct json_object *obj);

#endif
