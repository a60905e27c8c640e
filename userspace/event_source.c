// SPDX-License-Identifier: GPL-2.0
/*
 * Recognising the module's records in the logs that keep them.  The
 * module prints "dmzguard: KIND op=... profile=..." (pr_fmt), dmesg puts
 * "[  12.345678] " or "[Fri Nov 27 10:00:00 2026] " before it, the
 * journal "Nov 27 10:00:00 host kernel: " (or the JSON MESSAGE field),
 * and watch prints the record alone (or in its JSON "line" member).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "event_source.h"
#include "json_reader.h"
#include "policy.h"
#include "printable.h"

#define MODULE_PREFIX "dmzguard: "

/* Past "[...] " at @s, if it starts with one. */
static const char *skip_stamp(const char *s)
{
	const char *end;

	if (*s != '[')
		return s;
	end = strchr(s, ']');
	if (!end)
		return s;
	s = end + 1;
	while (*s == ' ')
		s++;
	return s;
}

/* The first word of @s names a decision record: "denied" or "complain". */
static int decision_kind(const char *s)
{
	size_t n = strcspn(s, " ");

	for (int k = DMZG_EVENT_DENIED; k <= DMZG_EVENT_COMPLAIN; k++)
		if (strlen(dmzg_event_kind_names[k]) == n &&
		    !strncmp(s, dmzg_event_kind_names[k], n))
			return k;
	return -1;
}

/*
 * The module's text in a kernel log line: after the module's prefix,
 * itself after a dmesg time stamp or a journal "kernel: ", or a record
 * as watch prints it.  NULL if the line is something else.
 */
static const char *module_text(const char *line)
{
	const char *s = skip_stamp(line), *k;

	if (!strncmp(s, MODULE_PREFIX, strlen(MODULE_PREFIX)))
		return s + strlen(MODULE_PREFIX);
	k = strstr(line, " kernel: ");
	if (k) {
		s = skip_stamp(k + strlen(" kernel: "));
		if (!strncmp(s, MODULE_PREFIX, strlen(MODULE_PREFIX)))
			return s + strlen(MODULE_PREFIX);
	}
	/* watch without --json prints the record without the prefix. */
	if (decision_kind(s) >= 0 && strstr(s, " op="))
		return s;
	return NULL;
}

/* Read the record text @body (kind first); @base for columns. */
static enum event_line_kind read_record(const char *body, const char *base,
					struct event_record *rec,
					const char **why, size_t *col)
{
	const char *op, *sup;
	char *end;

	*col = (size_t)(body - base) + 1;
	rec->kind = decision_kind(body);
	/* Policy changes, rate-limit reports, other messages. */
	if (rec->kind < 0)
		return EVENT_LINE_OTHER;
	rec->n = event_line_parse(body, rec->kv, EVENT_MAX_KEYS);
	op = event_get(rec->kv, rec->n, "op");
	rec->profile = event_get(rec->kv, rec->n, "profile");
	if (!op) {
		*why = "no op=";
		return EVENT_LINE_BAD;
	}
	rec->op = dmzg_lookup(dmzg_op_names, op);
	if (rec->op < 0) {
		*col += (size_t)(strstr(body, "op=") - body);
		*why = "unknown op=";
		return EVENT_LINE_BAD;
	}
	if (!rec->profile) {
		*why = "no profile=";
		return EVENT_LINE_BAD;
	}
	if (!policy_name_valid(rec->profile)) {
		*col += (size_t)(strstr(body, "profile=") - body);
		*why = "profile= is not a profile name";
		return EVENT_LINE_BAD;
	}
	rec->times = 1;
	sup = event_get(rec->kv, rec->n, "suppressed");
	if (sup) {
		errno = 0;
		rec->times = strtoul(sup, &end, 10);
		if (*sup < '0' || *sup > '9' || *end || errno) {
			*col += (size_t)(strstr(body, "suppressed=") - body);
			*why = "suppressed= is not a count";
			return EVENT_LINE_BAD;
		}
		/* A line of its own (no subject) counts only the repeats. */
		if (event_get(rec->kv, rec->n, "pid"))
			rec->times++;
	}
	return EVENT_LINE_RECORD;
}

/* watch --json ("kind", "line") or journalctl -o json ("MESSAGE"). */
static enum event_line_kind json_line(const char *line,
				      struct event_record *rec,
				      const char **why, size_t *col)
{
	const struct json_member *msg, *kind, *text;
	struct json_object obj;
	enum event_line_kind ret = EVENT_LINE_OTHER;
	const char *body;

	if (json_read_object(line, &obj, why, col))
		return EVENT_LINE_BAD;
	msg = json_member(&obj, "MESSAGE");
	kind = json_member(&obj, "kind");
	text = json_member(&obj, "line");
	*col = 1;
	if (msg && (msg->type == JSON_STRING || msg->type == JSON_BYTES)) {
		body = module_text(msg->text);
		if (body)
			ret = read_record(body, body, rec, why, col);
		/* Columns of the message would not point into this line. */
		*col = 1;
	} else if (kind && kind->type == JSON_STRING &&
		   decision_kind(kind->text) >= 0) {
		if (!text || text->type != JSON_STRING) {
			*why = "watch record without a \"line\" string";
			ret = EVENT_LINE_BAD;
		} else {
			ret = read_record(text->text, text->text, rec, why,
					  col);
			*col = 1;
			if (ret == EVENT_LINE_RECORD &&
			    rec->kind != decision_kind(kind->text)) {
				*why = "\"kind\" differs from the line's";
				ret = EVENT_LINE_BAD;
			}
		}
	}
	json_object_free(&obj);
	return ret;
}

enum event_line_kind event_source_line(const char *line,
				       struct event_record *rec,
				       const char **why, size_t *col)
{
	const char *s = line, *body;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '{')
		return json_line(line, rec, why, col);
	body = module_text(line);
	if (!body)
		return EVENT_LINE_OTHER;
	return read_record(body, line, rec, why, col);
}

int event_file_open(struct event_file *ef, const char *name)
{
	memset(ef, 0, sizeof(*ef));
	ef->name = name;
	if (!strcmp(name, "-")) {
		ef->f = stdin;
		return 0;
	}
	ef->f = fopen(name, "r");
	if (ef->f)
		return 0;
	fput_printable(stderr, name);
	fprintf(stderr, ": cannot read: %s\n", strerror(errno));
	return -1;
}

bool event_file_next(struct event_file *ef, struct event_record *rec)
{
	ssize_t len;

	while ((len = getline(&ef->buf, &ef->cap, ef->f)) >= 0) {
		const char *why = "";
		size_t col = 1;

		ef->line++;
		while (len && (ef->buf[len - 1] == '\n' ||
			       ef->buf[len - 1] == '\r'))
			ef->buf[--len] = '\0';
		switch (event_source_line(ef->buf, rec, &why, &col)) {
		case EVENT_LINE_RECORD:
			return true;
		case EVENT_LINE_OTHER:
			continue;
		case EVENT_LINE_BAD:
			break;
		}
		event_file_report(ef, col, why);
	}
	return false;
}

void event_file_report(struct event_file *ef, size_t col, const char *why)
{
	ef->bad++;
	fput_printable(stderr, ef->name);
	fprintf(stderr, ":%ld:%zu: unreadable dmzguard record (%s): '",
		ef->line, col, why);
	fput_printable(stderr, ef->buf);
	fputs("'\n", stderr);
}

size_t event_file_key_col(const struct event_file *ef, const char *key)
{
	size_t n = strlen(key);

	/* A JSON line's record is inside a string: its columns differ. */
	for (const char *s = strchr(ef->buf, ' '); s && *ef->buf != '{';
	     s = strchr(s + 1, ' '))
		if (!strncmp(s + 1, key, n) && s[1 + n] == '=')
			return (size_t)(s + 1 - ef->buf) + 1;
	return 1;
}

void event_file_close(struct event_file *ef)
{
	if (ef->f && ef->f != stdin)
		fclose(ef->f);
	free(ef->buf);
	memset(ef, 0, sizeof(*ef));
}
