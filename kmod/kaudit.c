// SPDX-License-Identifier: GPL-2.0
/*
 * Each record of the log also as a kernel audit record, type
 * AUDIT_KERNEL_OTHER (1316, the type for modules outside the tree), so
 * that auditd, ausearch and the agents that read the audit log see what
 * the kernel log shows.  Its fields are the dmesg line's, after
 * dmzguard=KIND; a policy change's leading words become op=.  Sent from
 * the events work item, in process context, so that allocating the audit
 * buffer may sleep (also on PREEMPT_RT), and only while auditing is on:
 * with auditing off the audit subsystem would print it to the kernel log
 * a second time.
 */
#include <linux/audit.h>
#include <linux/string.h>

#include "audit.h"
#include "kaudit.h"
#include "names.h"

/* "awaiting confirmation generation=3 ..." -> op=awaiting-confirmation */
static void log_policy_change(struct audit_buffer *ab, const char *change)
{
	const char *eq = strchr(change, '='), *end = change + strlen(change);
	const char *rest = end, *p;

	if (eq) {
		/* The words before the first key=value pair. */
		for (rest = eq; rest > change && rest[-1] != ' '; rest--)
			;
	}
	audit_log_format(ab, " op=");
	for (p = change; p < rest; p++) {
		if (*p == ' ' && (p + 1 == rest || p[1] == ' '))
			continue;
		audit_log_format(ab, "%c", *p == ' ' ? '-' : *p);
	}
	if (rest < end)
		audit_log_format(ab, " %s", rest);
}

/**
 * dmzg_kaudit_record() - send one record of the log to the audit log
 * @e: the record, as the events group sends it
 *
 * Context: process context (the events work item).
 */
void dmzg_kaudit_record(const struct dmzg_event *e)
{
	const char *kind = dmzg_name(dmzg_event_kind_names, e->kind);
	const char *line = e->line;
	struct audit_buffer *ab;
	size_t klen = strlen(kind);

	/* A constant 0 on a kernel without CONFIG_AUDIT. */
	if (!audit_enabled)
		return;
	ab = audit_log_start(NULL, GFP_KERNEL, AUDIT_KERNEL_OTHER);
	if (!ab)
		return;
	/* The line starts with its kind ("denied op=..."). */
	if (!strncmp(line, kind, klen) && line[klen] == ' ')
		line += klen + 1;
	audit_log_format(ab, "dmzguard=%s", kind);
	if (e->kind == DMZG_EVENT_POLICY)
		log_policy_change(ab, line);
	else
		audit_log_format(ab, " %s", line);
	audit_log_end(ab);
}
