// SPDX-License-Identifier: GPL-2.0
/*
 * A recursive-descent JSON validator: strings with their escapes and no
 * raw control bytes, numbers in JSON's grammar (no leading zeros, no
 * bare '.', no NaN), no trailing commas, one value per text.
 */
#include <stdio.h>
#include <string.h>

#include "json_check.h"

#define JSON_MAX_DEPTH 64

struct json_reader {
	const char *s, *start;
	const char *error;
	char message[128];
	int depth;
};

static bool fail(struct json_reader *r, const char *what)
{
	if (!r->error) {
		snprintf(r->message, sizeof(r->message), "%s at byte %ld",
			 what, (long)(r->s - r->start));
		r->error = r->message;
	}
	return false;
}

static void skip_blanks(struct json_reader *r)
{
	while (*r->s == ' ' || *r->s == '\t' || *r->s == '\n' || *r->s == '\r')
		r->s++;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool read_string(struct json_reader *r)
{
	r->s++;		/* the opening quote */
	for (;;) {
		unsigned char c = (unsigned char)*r->s;

		if (!c)
			return fail(r, "unterminated string");
		if (c < 0x20)
			return fail(r, "raw control byte in a string");
		r->s++;
		if (c == '"')
			return true;
		if (c != '\\')
			continue;
		c = (unsigned char)*r->s++;
		if (c == 'u') {
			for (int i = 0; i < 4; i++, r->s++)
				if (!is_hex(*r->s))
					return fail(r, "bad \\u escape");
		} else if (!c || !strchr("\"\\/bfnrt", c)) {
			return fail(r, "bad escape");
		}
	}
}

static bool read_number(struct json_reader *r)
{
	if (*r->s == '-')
		r->s++;
	if (*r->s == '0')
		r->s++;
	else if (is_digit(*r->s))
		while (is_digit(*r->s))
			r->s++;
	else
		return fail(r, "bad number");
	if (*r->s == '.') {
		r->s++;
		if (!is_digit(*r->s))
			return fail(r, "bad fraction");
		while (is_digit(*r->s))
			r->s++;
	}
	if (*r->s == 'e' || *r->s == 'E') {
		r->s++;
		if (*r->s == '+' || *r->s == '-')
			r->s++;
		if (!is_digit(*r->s))
			return fail(r, "bad exponent");
		while (is_digit(*r->s))
			r->s++;
	}
	return true;
}

static bool read_value(struct json_reader *r);

/* An object or array: @close ends it, @object has "key": before values. */
static bool read_container(struct json_reader *r, char close, bool object)
{
	if (++r->depth > JSON_MAX_DEPTH)
		return fail(r, "nested too deep");
	r->s++;
	skip_blanks(r);
	if (*r->s == close) {
		r->s++;
		r->depth--;
		return true;
	}
	for (;;) {
		skip_blanks(r);
		if (object) {
			if (*r->s != '"')
				return fail(r, "expected a key");
			if (!read_string(r))
				return false;
			skip_blanks(r);
			if (*r->s++ != ':')
				return fail(r, "expected ':'");
		}
		if (!read_value(r))
			return false;
		skip_blanks(r);
		if (*r->s == close) {
			r->s++;
			r->depth--;
			return true;
		}
		if (*r->s != ',')
			return fail(r, object ? "expected ',' or '}'" :
					      "expected ',' or ']'");
		r->s++;
	}
}

static bool read_word(struct json_reader *r, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(r->s, word, n))
		return fail(r, "unexpected character");
	r->s += n;
	return true;
}

static bool read_value(struct json_reader *r)
{
	skip_blanks(r);
	switch (*r->s) {
	case '{':
		return read_container(r, '}', true);
	case '[':
		return read_container(r, ']', false);
	case '"':
		return read_string(r);
	case 't':
		return read_word(r, "true");
	case 'f':
		return read_word(r, "false");
	case 'n':
		return read_word(r, "null");
	case '\0':
		return fail(r, "no value");
	default:
		if (*r->s == '-' || is_digit(*r->s))
			return read_number(r);
		return fail(r, "unexpected character");
	}
}

bool json_valid(const char *text, const char **error)
{
	struct json_reader r = { .s = text, .start = text };
	static char message[128];
	bool ok = read_value(&r);

	if (ok) {
		skip_blanks(&r);
		if (*r.s)
			ok = fail(&r, "text after the value");
	}
	if (!ok) {
		snprintf(message, sizeof(message), "%s", r.error);
		*error = message;
	}
	return ok;
}
