// SPDX-License-Identifier: GPL-2.0
/*
 * The strict JSON object reader: RFC 8259 grammar, no extensions (no
 * comments, trailing commas, single quotes or bare words), a depth
 * limit, and strings that cannot hold a NUL (a record is text).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json_reader.h"

/* Deeper than any log line nests; bounds the recursion. */
#define JSON_MAX_DEPTH 32

struct reader {
	const char *start, *p;
	const char *why;	/* set by the first error */
	const char *err_at;
};

/* A growable byte buffer for decoded strings. */
struct buf {
	char *s;
	size_t len, cap;
};

static bool fail(struct reader *r, const char *at, const char *why)
{
	if (!r->why) {
		r->why = why;
		r->err_at = at;
	}
	return false;
}

static bool buf_put(struct buf *b, const char *bytes, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		char *s;

		while (cap < b->len + n + 1)
			cap *= 2;
		s = realloc(b->s, cap);
		if (!s)
			return false;
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, bytes, n);
	b->len += n;
	b->s[b->len] = '\0';
	return true;
}

static void skip_blanks(struct reader *r)
{
	while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' ||
	       *r->p == '\r')
		r->p++;
}

static int hex4(const char *s)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static size_t utf8_encode(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* \uXXXX, or a surrogate pair of them, at r->p (past the backslash). */
static bool read_unicode_escape(struct reader *r, struct buf *b)
{
	const char *at = r->p - 1;
	int hi = hex4(r->p + 1), lo;
	uint32_t cp;
	char out[4];

	if (hi < 0)
		return fail(r, at, "\\u needs four hex digits");
	r->p += 5;
	cp = (uint32_t)hi;
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return fail(r, at, "unpaired low surrogate");
	if (hi >= 0xd800 && hi <= 0xdbff) {
		if (r->p[0] != '\\' || r->p[1] != 'u' ||
		    (lo = hex4(r->p + 2)) < 0xdc00 || lo > 0xdfff)
			return fail(r, at, "unpaired high surrogate");
		r->p += 6;
		cp = 0x10000 + (((uint32_t)hi - 0xd800) << 10) +
		     ((uint32_t)lo - 0xdc00);
	}
	if (!cp)
		return fail(r, at, "\\u0000 in a string");
	return buf_put(b, out, utf8_encode(out, cp)) ||
	       fail(r, at, "out of memory");
}

/* A string at r->p (its opening quote); decoded into @out if not NULL. */
static bool read_string(struct reader *r, char **out)
{
	struct buf b = { 0 };
	const char *open = r->p++;

	if (!buf_put(&b, "", 0))
		return fail(r, open, "out of memory");
	for (;;) {
		unsigned char c = (unsigned char)*r->p;
		const char *esc;
		char ch;

		if (!c) {
			free(b.s);
			return fail(r, open, "unterminated string");
		}
		if (c == '"')
			break;
		if (c < 0x20) {
			free(b.s);
			return fail(r, r->p, "control byte in a string (must be escaped)");
		}
		if (c != '\\') {
			if (!buf_put(&b, r->p++, 1)) {
				free(b.s);
				return fail(r, open, "out of memory");
			}
			continue;
		}
		r->p++;
		if (*r->p == 'u') {
			if (!read_unicode_escape(r, &b)) {
				free(b.s);
				return false;
			}
			continue;
		}
		esc = *r->p ? strchr("\"\\/bfnrt", *r->p) : NULL;
		if (!esc) {
			free(b.s);
			return fail(r, r->p - 1, "unknown escape in a string");
		}
		ch = "\"\\/\b\f\n\r\t"[esc - "\"\\/bfnrt"];
		r->p++;
		if (!buf_put(&b, &ch, 1)) {
			free(b.s);
			return fail(r, open, "out of memory");
		}
	}
	r->p++;
	if (out)
		*out = b.s;
	else
		free(b.s);
	return true;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A number at r->p: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool read_number(struct reader *r)
{
	const char *at = r->p;

	if (*r->p == '-')
		r->p++;
	if (*r->p == '0')
		r->p++;
	else if (is_digit(*r->p))
		while (is_digit(*r->p))
			r->p++;
	else
		return fail(r, at, "malformed number");
	if (*r->p == '.') {
		r->p++;
		if (!is_digit(*r->p))
			return fail(r, at, "malformed number");
		while (is_digit(*r->p))
			r->p++;
	}
	if (*r->p == 'e' || *r->p == 'E') {
		r->p++;
		if (*r->p == '+' || *r->p == '-')
			r->p++;
		if (!is_digit(*r->p))
			return fail(r, at, "malformed number");
		while (is_digit(*r->p))
			r->p++;
	}
	return true;
}

static bool read_value(struct reader *r, int depth, struct json_member *m);

/*
 * An array or object at r->p, checked and skipped; for an array whose
 * items are all integers 0..255, its bytes in @bytes.
 */
static bool read_container(struct reader *r, int depth, struct buf *bytes,
			   bool *all_bytes)
{
	bool object = *r->p == '{';
	char close = object ? '}' : ']';
	const char *open = r->p++;

	*all_bytes = !object;
	if (depth >= JSON_MAX_DEPTH)
		return fail(r, open, "nested too deeply");
	skip_blanks(r);
	if (*r->p == close) {
		r->p++;
		return true;
	}
	for (;;) {
		struct json_member item = { 0 };

		skip_blanks(r);
		if (object) {
			if (*r->p != '"')
				return fail(r, r->p, "expected a string key");
			if (!read_string(r, NULL))
				return false;
			skip_blanks(r);
			if (*r->p != ':')
				return fail(r, r->p, "expected ':'");
			r->p++;
		}
		if (!read_value(r, depth + 1, &item))
			return false;
		if (*all_bytes) {
			char *end;
			long v = item.type == JSON_NUMBER ?
				 strtol(item.text, &end, 10) : -1;

			if (item.type != JSON_NUMBER || *end || v < 0 ||
			    v > 255) {
				*all_bytes = false;
			} else {
				char c = (char)v;

				if (!c || !buf_put(bytes, &c, 1))
					*all_bytes = false;
			}
		}
		free(item.text);
		skip_blanks(r);
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p == close) {
			r->p++;
			return true;
		}
		return fail(r, r->p, object ? "expected ',' or '}'" :
				     "expected ',' or ']'");
	}
}

static bool read_literal(struct reader *r, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(r->p, word, n))
		return fail(r, r->p, "unexpected character (expected a value)");
	r->p += n;
	return true;
}

/* Any value at r->p (after blanks); its type and text into @m. */
static bool read_value(struct reader *r, int depth, struct json_member *m)
{
	const char *at;
	struct buf bytes = { 0 };
	bool all_bytes;

	skip_blanks(r);
	at = r->p;
	switch (*r->p) {
	case '"':
		m->type = JSON_STRING;
		return read_string(r, &m->text);
	case '{':
	case '[':
		if (!read_container(r, depth, &bytes, &all_bytes)) {
			free(bytes.s);
			return false;
		}
		m->type = *at == '{' ? JSON_OBJECT : JSON_ARRAY;
		if (all_bytes) {
			m->type = JSON_BYTES;
			if (!bytes.s && !buf_put(&bytes, "", 0))
				return fail(r, at, "out of memory");
			m->text = bytes.s;
		} else {
			free(bytes.s);
		}
		return true;
	case 't':
		m->type = JSON_TRUE;
		break;
	case 'f':
		m->type = JSON_FALSE;
		break;
	case 'n':
		m->type = JSON_NULL;
		break;
	case '\0':
		return fail(r, at, "unexpected end of line (expected a value)");
	default:
		m->type = JSON_NUMBER;
		if (!read_number(r))
			return false;
		m->text = strndup(at, (size_t)(r->p - at));
		return m->text || fail(r, at, "out of memory");
	}
	if (!read_literal(r, m->type == JSON_TRUE ? "true" :
			     m->type == JSON_FALSE ? "false" : "null"))
		return false;
	m->text = strndup(at, (size_t)(r->p - at));
	return m->text || fail(r, at, "out of memory");
}

static bool add_member(struct reader *r, struct json_object *obj,
		       const struct json_member *m, const char *at)
{
	struct json_member *arr;

	if (json_member(obj, m->key))
		return fail(r, at, "duplicate key");
	arr = realloc(obj->members, (obj->n + 1) * sizeof(*arr));
	if (!arr)
		return fail(r, at, "out of memory");
	obj->members = arr;
	arr[obj->n++] = *m;
	return true;
}

static bool read_members(struct reader *r, struct json_object *obj)
{
	if (*r->p != '{')
		return fail(r, r->p, "expected '{' (a JSON object)");
	r->p++;
	skip_blanks(r);
	if (*r->p == '}') {
		r->p++;
		return true;
	}
	for (;;) {
		struct json_member m = { 0 };
		const char *key_at;

		skip_blanks(r);
		key_at = r->p;
		if (*r->p != '"')
			return fail(r, r->p, "expected a string key");
		if (!read_string(r, &m.key))
			return false;
		skip_blanks(r);
		if (*r->p != ':') {
			free(m.key);
			return fail(r, r->p, "expected ':'");
		}
		r->p++;
		if (!read_value(r, 1, &m) || !add_member(r, obj, &m, key_at)) {
			free(m.key);
			free(m.text);
			return false;
		}
		skip_blanks(r);
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p == '}') {
			r->p++;
			return true;
		}
		return fail(r, r->p, "expected ',' or '}'");
	}
}

int json_read_object(const char *text, struct json_object *obj,
		     const char **why, size_t *col)
{
	struct reader r = { .start = text, .p = text };

	memset(obj, 0, sizeof(*obj));
	skip_blanks(&r);
	if (read_members(&r, obj)) {
		skip_blanks(&r);
		if (!*r.p)
			return 0;
		fail(&r, r.p, "text after the object");
	}
	json_object_free(obj);
	*why = r.why;
	*col = (size_t)(r.err_at - text) + 1;
	return -1;
}

const struct json_member *json_member(const struct json_object *obj,
				      const char *key)
{
	for (size_t i = 0; i < obj->n; i++)
		if (!strcmp(obj->members[i].key, key))
			return &obj->members[i];
	return NULL;
}

void json_object_free(struct json_object *obj)
{
	for (size_t i = 0; i < obj->n; i++) {
		free(obj->members[i].key);
		free(obj->members[i].text);
	}
	free(obj->members);
	memset(obj, 0, sizeof(*obj));
}
