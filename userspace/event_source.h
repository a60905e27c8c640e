/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Past decision records, from whatever kept them: dmesg (with or without
 * its time stamp, also `dmesg -T`), `journalctl -k` (also `-o json`), and
 * `dmzguardctl watch` (also `--json`).  The format is recognised line by
 * line, so concatenated logs read too; every record becomes the
 * key=value pairs event_line_parse() gives for the module's own line.
 */
#ifndef DMZG_EVENT_SOURCE_H
#define DMZG_EVENT_SOURCE_H

#include <stdbool.h>
#include <stdio.h>

#include "event_line.h"

/* One denial or complaint. */
struct event_record {
	int kind;		/* DMZG_EVENT_DENIED or DMZG_EVENT_COMPLAIN */
	int op;			/* enum dmzg_op */
	const char *profile;	/* the profile= value, in @kv */
	/*
	 * How many decisions it stands for: the module's rate limit folds
	 * repeats into a later line's suppressed=N, or into a line of its
	 * own without the subject (no pid=).
	 */
	unsigned long times;
	int n;
	struct kv kv[EVENT_MAX_KEYS];
};

enum event_line_kind {
	EVENT_LINE_OTHER,	/* not a decision record: skip it */
	EVENT_LINE_RECORD,	/* @rec filled */
	EVENT_LINE_BAD,		/* a record that cannot be read: *why, *col */
};

/* Recognise and read one line (without its newline). */
enum event_line_kind event_source_line(const char *line,
				       struct event_record *rec,
				       const char **why, size_t *col);

/* A file of records being read, line by line. */
struct event_file {
	FILE *f;
	const char *name;	/* as given; "-" is standard input */
	long line;
	char *buf;
	size_t cap;
	unsigned long bad;	/* records reported as unreadable */
};

/* Return: 0, or -1 with the reason on stderr. */
int event_file_open(struct event_file *ef, const char *name);
/*
 * The next record into @rec, reporting unreadable ones on stderr as
 * "FILE:LINE:COL: ..." with the line escaped.  Return: true for a
 * record, false at the end of the file.
 */
bool event_file_next(struct event_file *ef, struct event_record *rec);
/*
 * Report the current line as an unreadable record, at column @col, and
 * count it in ef->bad; for records that read but lack what a command
 * needs.
 */
void event_file_report(struct event_file *ef, size_t col, const char *why);
/* The column of " KEY=" in the current line's record, or 1. */
size_t event_file_key_col(const struct event_file *ef, const char *key);
void event_file_close(struct event_file *ef);

#endif
