// SPDX-License-Identifier: GPL-2.0
/*
 * Decision records: one dmesg line per denial or complaint in a stable
 * key=value format, rate limited per (profile, op, target) with the count
 * of suppressed repeats always reported, and the same records queued for
 * the netlink "events" group.  Only this file turns a request into text.
 * Hooks can run in atomic context, so lines are formatted into static
 * slots under a raw spinlock (on PREEMPT_RT a plain one would sleep where
 * a hook may not), and printed only after it is dropped, with interrupts
 * on: a slow console never holds every hook up.  The consumer of the
 * events (the netlink side) drains them from a work item it hands over
 * at start.
 */
#include <linux/cred.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <linux/preempt.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "audit.h"
#include "match_net.h"
#include "names.h"
#include "task.h"

#define DMZG_RING_SIZE 64
#define DMZG_RL_SLOTS 256
#define DMZG_RL_WINDOW (5 * HZ)
#define DMZG_RL_WHAT 160
/* Lines of new targets printed per window, all targets together. */
#define DMZG_RL_BURST 64

/* One remembered (profile, op, target) whose repeats are being counted. */
struct dmzg_rl_slot {
	u64 key;
	unsigned long since;
	u32 suppressed;
	char what[DMZG_RL_WHAT];
};

static struct dmzg_event dmzg_ring[DMZG_RING_SIZE];
static unsigned int dmzg_ring_head, dmzg_ring_len;
static struct dmzg_rl_slot dmzg_rl[DMZG_RL_SLOTS];
/*
 * The repeat key is a hash keyed with a secret chosen at start: with a
 * known hash a confined task could pick a target whose key equals that of
 * a denial it repeats, and its real attempt would only be counted.
 */
static siphash_key_t dmzg_rl_secret;
/*
 * Under dmzg_audit_lock: the window's budget of new lines, so that a task
 * trying target after target cannot flood the log; what is held back is
 * counted and reported, never dropped silently.
 */
static unsigned long dmzg_rl_window_start;
static unsigned int dmzg_rl_printed, dmzg_rl_held;
static DEFINE_RAW_SPINLOCK(dmzg_audit_lock);
/*
 * Lines made under dmzg_audit_lock wait here until it is dropped: at most
 * the record, the held-back report of a window that ended, and the count
 * of repeats of the target whose slot the record takes.
 * Each CPU has one outbox per context a record can be made in, task and
 * softirq, used with preemption off; a record made in a hard interrupt is
 * not printed but counted with those held back (watch still gets it).
 */
#define DMZG_OUTBOX_LINES 3
#define DMZG_OUTBOX_LEVELS 2

struct dmzg_outbox {
	unsigned int n;
	char line[DMZG_OUTBOX_LINES][DMZG_LINE_MAX];
};

static struct dmzg_outbox __percpu *dmzg_outboxes;
/* The periodic flush's, used by its work item alone. */
static struct dmzg_outbox dmzg_flush_outbox;

/* Under dmzg_audit_lock: the line being made. */
static char dmzg_line[DMZG_LINE_MAX];
/* Under dmzg_audit_lock: who drains the ring, NULL when stopped. */
static struct work_struct *dmzg_consumer;

static void dmzg_rl_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(dmzg_rl_work, dmzg_rl_work_fn);

static const char *const dmzg_reason_names[__DMZG_REASON_MAX] = {
	[DMZG_REASON_NO_POLICY] = "no-policy",
	[DMZG_REASON_NOMEM] = "nomem",
	[DMZG_REASON_UNRESOLVABLE] = "unresolvable",
	[DMZG_REASON_TRACED] = "traced",
	[DMZG_REASON_NO_NEW_PRIVS] = "no-new-privs",
	[DMZG_REASON_SHARED_FS] = "shared-fs",
};

static const char *const dmzg_write_access_names[__DMZG_WRITE_MAX] = {
	"open", "truncate", "create", "mknod", "mkdir", "rmdir", "unlink",
	"rename", "link", "symlink", "chmod", "chown", "receive",
};

static const char *const dmzg_sockopt_names[__DMZG_SOCKOPT_MAX] = {
	"ip_options", "ipv6_rthdr", "ipv6_nexthop", "ipv6_pktoptions",
};

static const char *const dmzg_write_object_names[__DMZG_WOBJ_MAX] = {
	[DMZG_WOBJ_PROGRAM] = "program",
	[DMZG_WOBJ_KERNEL] = "kernel",
	[DMZG_WOBJ_EXECUTABLE] = "executable",
	[DMZG_WOBJ_TREE] = "tree",
};

/*
 * Append @src escaped: bytes outside printable ASCII, space, '"', '\\'
 * and '=' become \xNN, so a value never splits a key=value line.
 */
static size_t put_escaped(char *dst, size_t pos, size_t size,
			  const char *src, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len && pos + 5 < size; i++) {
		unsigned char c = src[i];

		if (c > 0x20 && c < 0x7f && c != '"' && c != '\\' &&
		    c != '=') {
			dst[pos++] = c;
			continue;
		}
		dst[pos++] = '\\';
		dst[pos++] = 'x';
		dst[pos++] = hex[c >> 4];
		dst[pos++] = hex[c & 15];
	}
	if (i < len && pos + 4 < size) {
		memcpy(dst + pos, "...", 3);
		pos += 3;
	}
	dst[pos] = '\0';
	return pos;
}

static size_t put_fmt(char *dst, size_t pos, size_t size, const char *fmt,
		      ...)
{
	va_list ap;

	if (pos >= size)
		return pos;
	va_start(ap, fmt);
	pos += vscnprintf(dst + pos, size - pos, fmt, ap);
	va_end(ap);
	return pos;
}

/*
 * The current task's name, read without task_lock(): decisions run under
 * other tasks' locks (ptrace_attach holds the tracee's alloc_lock, and
 * taking ours too could deadlock two tasks tracing each other).  Only the
 * task itself or a write to /proc/PID/comm changes it, so a racing read
 * garbles at most a name in a log line.
 */
static void current_comm(char comm[TASK_COMM_LEN])
{
	memcpy(comm, current->comm, TASK_COMM_LEN);
	comm[TASK_COMM_LEN - 1] = '\0';
}

static void queue_event(u8 kind, u8 op, const char *profile,
			const char *line)
{
	struct dmzg_event *e;
	unsigned int i;

	if (dmzg_ring_len == DMZG_RING_SIZE) {
		/* Drop the oldest: its dmesg line was already printed. */
		dmzg_ring_head = (dmzg_ring_head + 1) % DMZG_RING_SIZE;
		dmzg_ring_len--;
	}
	i = (dmzg_ring_head + dmzg_ring_len) % DMZG_RING_SIZE;
	e = &dmzg_ring[i];
	e->kind = kind;
	e->op = op;
	e->pid = task_pid_nr(current);
	e->uid = from_kuid(&init_user_ns, current_uid());
	strscpy(e->profile, profile, sizeof(e->profile));
	current_comm(e->comm);
	strscpy(e->line, line, sizeof(e->line));
	dmzg_ring_len++;
	if (dmzg_consumer)
		schedule_work(dmzg_consumer);
}

/*
 * Queue a line for printing after the lock; false if @box is full (or
 * there is none), and the line is not printed.
 */
static __printf(2, 3) bool outbox_add(struct dmzg_outbox *box,
				      const char *fmt, ...)
{
	va_list ap;

	if (!box || box->n == DMZG_OUTBOX_LINES)
		return false;
	va_start(ap, fmt);
	vscnprintf(box->line[box->n++], DMZG_LINE_MAX, fmt, ap);
	va_end(ap);
	return true;
}

/* Print what @box holds; called with dmzg_audit_lock dropped. */
static void outbox_print(struct dmzg_outbox *box)
{
	unsigned int i;

	if (!box)
		return;
	for (i = 0; i < box->n; i++)
		pr_info("%s\n", box->line[i]);
	box->n = 0;
}

/* The calling context's outbox, with preemption off; NULL if it has none. */
static struct dmzg_outbox *outbox_get(void)
{
	unsigned int level = interrupt_context_level();
	struct dmzg_outbox *boxes;

	boxes = get_cpu_ptr(dmzg_outboxes);
	if (level >= DMZG_OUTBOX_LEVELS)
		return NULL;
	boxes[level].n = 0;
	return &boxes[level];
}

static void outbox_put(struct dmzg_outbox *box)
{
	outbox_print(box);
	put_cpu_ptr(dmzg_outboxes);
}

static void rl_report_held(struct dmzg_outbox *box)
{
	if (dmzg_rl_held &&
	    outbox_add(box,
		       "rate limit: %u records not printed in %u s (over %u new targets); see watch",
		       dmzg_rl_held, DMZG_RL_WINDOW / HZ, DMZG_RL_BURST))
		dmzg_rl_held = 0;
}

/* May a line for a new target be printed in this window? */
static bool rl_budget(struct dmzg_outbox *box)
{
	if (!dmzg_rl_window_start ||
	    !time_before(jiffies, dmzg_rl_window_start + DMZG_RL_WINDOW)) {
		rl_report_held(box);
		dmzg_rl_window_start = jiffies ? jiffies : 1;
		dmzg_rl_printed = 0;
	}
	if (dmzg_rl_printed < DMZG_RL_BURST) {
		dmzg_rl_printed++;
		return true;
	}
	if (!dmzg_rl_held++ && dmzg_consumer)
		schedule_delayed_work(&dmzg_rl_work, DMZG_RL_WINDOW + HZ);
	return false;
}

/*
 * Decide whether a record is printed.  The first of a kind is, within
 * the window's budget; a repeat inside the window is counted; the next
 * one printed after the window carries the count, and a periodic flush
 * reports counts whose key went quiet and records held back.
 */
static bool rl_admit(u64 key, const char *what, u32 *suppressed,
		     struct dmzg_outbox *box)
{
	struct dmzg_rl_slot *s = &dmzg_rl[key % DMZG_RL_SLOTS];
	/* Not only the key: the target itself, as far as the slot holds it. */
	bool same = s->key == key &&
		    !strncmp(s->what, what, sizeof(s->what) - 1);

	*suppressed = 0;
	if (same && s->since &&
	    time_before(jiffies, s->since + DMZG_RL_WINDOW)) {
		if (!s->suppressed++ && dmzg_consumer)
			schedule_delayed_work(&dmzg_rl_work,
					      DMZG_RL_WINDOW + HZ);
		return false;
	}
	/* Held back, the target claims no slot: it is counted as held. */
	if (!rl_budget(box))
		return false;
	/* The slot's count goes out with its own line, or with this one. */
	if (!same && s->suppressed &&
	    !outbox_add(box, "%s suppressed=%u", s->what, s->suppressed)) {
		dmzg_rl_held++;
		return false;
	}
	if (same)
		*suppressed = s->suppressed;
	s->key = key;
	s->since = jiffies ? jiffies : 1;
	s->suppressed = 0;
	strscpy(s->what, what, sizeof(s->what));
	return true;
}

/*
 * Report counts whose key went quiet and records held back, a few lines
 * at a time, each batch printed with the lock dropped.
 */
static void dmzg_rl_work_fn(struct work_struct *work)
{
	struct dmzg_outbox *box = &dmzg_flush_outbox;
	unsigned long flags;
	int i = 0;

	do {
		box->n = 0;
		raw_spin_lock_irqsave(&dmzg_audit_lock, flags);
		for (; i < DMZG_RL_SLOTS && box->n < DMZG_OUTBOX_LINES; i++) {
			struct dmzg_rl_slot *s = &dmzg_rl[i];

			if (!s->suppressed ||
			    time_before(jiffies, s->since + DMZG_RL_WINDOW))
				continue;
			outbox_add(box, "%s suppressed=%u", s->what,
				   s->suppressed);
			s->suppressed = 0;
			s->since = 0;
		}
		if (i == DMZG_RL_SLOTS && dmzg_rl_held &&
		    !time_before(jiffies,
				 dmzg_rl_window_start + DMZG_RL_WINDOW))
			rl_report_held(box);
		raw_spin_unlock_irqrestore(&dmzg_audit_lock, flags);
		outbox_print(box);
	} while (i < DMZG_RL_SLOTS);
}

static size_t put_addr(char *dst, size_t pos, size_t size,
		       const struct dmzg_addr *a, u16 port)
{
	if (a->family == DMZG_FAMILY_V4)
		return put_fmt(dst, pos, size, "%pI4:%u", a->addr, port);
	return put_fmt(dst, pos, size, "[%pI6c]:%u", a->addr, port);
}

/*
 * Append the request's key=value pairs.  Values are escaped straight into
 * the line, so a long one is cut on an escape boundary and marked "...".
 */
static size_t put_object(char *dst, size_t pos, size_t size,
			 const struct dmzg_request *req)
{
	bool local = req->op == DMZG_OP_BIND || req->op == DMZG_OP_LISTEN;

	if (req->reason)
		pos = put_fmt(dst, pos, size, " reason=%s",
			      dmzg_name(dmzg_reason_names, req->reason));
	if (req->anonymous)
		pos = put_fmt(dst, pos, size, " anonymous=1");
	switch (req->object) {
	case DMZG_OBJ_FILE:
		pos = put_fmt(dst, pos, size, " target=");
		pos = put_escaped(dst, pos, size, req->path.name,
				  req->path.len);
		if (req->op != DMZG_OP_WRITE)
			return pos;
		pos = put_fmt(dst, pos, size, " access=%s",
			      dmzg_name(dmzg_write_access_names, req->access));
		if (req->wobj)
			pos = put_fmt(dst, pos, size, " object=%s",
				      dmzg_name(dmzg_write_object_names,
						req->wobj));
		return pos;
	case DMZG_OBJ_UNIX:
		pos = put_fmt(dst, pos, size, " proto=unix dst=");
		return put_escaped(dst, pos, size, req->path.name,
				   req->path.len);
	case DMZG_OBJ_INET:
		pos = put_fmt(dst, pos, size, " proto=%s %s=",
			      dmzg_name(dmzg_proto_names, req->inet.proto),
			      local ? "addr" : "dst");
		return put_addr(dst, pos, size, req->inet.addr,
				req->inet.port);
	case DMZG_OBJ_SOCKET:
		return put_fmt(dst, pos, size,
			       " class=%s family=%d type=%d proto=%d",
			       dmzg_name(dmzg_sock_class_names,
					 req->sock.class),
			       req->sock.family, req->sock.type,
			       req->sock.protocol);
	case DMZG_OBJ_CAP:
		return put_fmt(dst, pos, size, " cap=%s",
			       dmzg_name(dmzg_cap_names, req->cap));
	case DMZG_OBJ_TASK:
		return put_fmt(dst, pos, size, " target_pid=%d", req->pid);
	case DMZG_OBJ_COMMAND:
		return put_fmt(dst, pos, size, " cmd=%u", req->cmd);
	case DMZG_OBJ_SOCKOPT:
		return put_fmt(dst, pos, size, " option=%s via=%s",
			       dmzg_name(dmzg_sockopt_names,
					 req->sockopt.name),
			       req->sockopt.cmsg ? "sendmsg" : "setsockopt");
	default:
		return pos;
	}
}

/**
 * dmzg_audit_record() - log a denial or complaint and queue its event
 * @kind: DMZG_EVENT_DENIED or DMZG_EVENT_COMPLAIN
 * @conf: the subject's label
 * @req: what was decided
 *
 * Context: any; takes a raw spinlock with interrupts off.
 */
void dmzg_audit_record(u8 kind, const struct dmzg_conf *conf,
		       const struct dmzg_request *req)
{
	char comm[TASK_COMM_LEN];
	struct dmzg_outbox *box;
	size_t pos, what_end;
	unsigned long flags;
	u32 suppressed;
	bool print;
	u64 key;

	current_comm(comm);
	box = outbox_get();
	raw_spin_lock_irqsave(&dmzg_audit_lock, flags);
	pos = put_fmt(dmzg_line, 0, DMZG_LINE_MAX, "%s op=%s profile=%s",
		      dmzg_name(dmzg_event_kind_names, kind),
		      dmzg_name(dmzg_op_names, req->op), conf->name);
	/* The rate-limit key covers profile, op and object, not the pid. */
	what_end = put_object(dmzg_line, pos, DMZG_LINE_MAX, req);
	key = siphash(dmzg_line, what_end, &dmzg_rl_secret);
	print = rl_admit(key, dmzg_line, &suppressed, box);
	/* Rebuild with the subject in the documented key order. */
	pos = put_fmt(dmzg_line, pos, DMZG_LINE_MAX, " pid=%d comm=",
		      task_pid_nr(current));
	pos = put_escaped(dmzg_line, pos, DMZG_LINE_MAX, comm, strlen(comm));
	pos = put_fmt(dmzg_line, pos, DMZG_LINE_MAX, " exe=");
	pos = put_escaped(dmzg_line, pos, DMZG_LINE_MAX, conf->exe,
			  strlen(conf->exe));
	pos = put_object(dmzg_line, pos, DMZG_LINE_MAX, req);
	pos = put_fmt(dmzg_line, pos, DMZG_LINE_MAX, " uid=%u",
		      from_kuid(&init_user_ns, current_uid()));
	if (suppressed)
		pos = put_fmt(dmzg_line, pos, DMZG_LINE_MAX, " suppressed=%u",
			      suppressed);
	if (print && !outbox_add(box, "%s", dmzg_line))
		dmzg_rl_held++;
	queue_event(kind, req->op, conf->name, dmzg_line);
	raw_spin_unlock_irqrestore(&dmzg_audit_lock, flags);
	outbox_put(box);
}

/**
 * dmzg_audit_policy() - log and broadcast a policy change
 * @fmt: printf format of the key=value pairs after "policy "
 */
void dmzg_audit_policy(const char *fmt, ...)
{
	struct dmzg_outbox *box = outbox_get();
	unsigned long flags;
	va_list ap;
	size_t pos;

	raw_spin_lock_irqsave(&dmzg_audit_lock, flags);
	pos = scnprintf(dmzg_line, DMZG_LINE_MAX, "policy ");
	va_start(ap, fmt);
	vscnprintf(dmzg_line + pos, DMZG_LINE_MAX - pos, fmt, ap);
	va_end(ap);
	/* Policy changes are never held back: the outbox is empty. */
	outbox_add(box, "%s", dmzg_line);
	queue_event(DMZG_EVENT_POLICY, DMZG_OP_ATTACH, "", dmzg_line);
	raw_spin_unlock_irqrestore(&dmzg_audit_lock, flags);
	outbox_put(box);
}

/**
 * dmzg_audit_next_event() - take the oldest queued record
 * @e: filled in with the record
 *
 * Context: the consumer's work item.
 * Return: false when the queue is empty.
 */
bool dmzg_audit_next_event(struct dmzg_event *e)
{
	unsigned long flags;
	bool found;

	raw_spin_lock_irqsave(&dmzg_audit_lock, flags);
	found = dmzg_ring_len;
	if (found) {
		*e = dmzg_ring[dmzg_ring_head];
		dmzg_ring_head = (dmzg_ring_head + 1) % DMZG_RING_SIZE;
		dmzg_ring_len--;
	}
	raw_spin_unlock_irqrestore(&dmzg_audit_lock, flags);
	return found;
}

/**
 * dmzg_audit_init() - choose the secret of the repeat keys, and make the
 *	outboxes lines wait in until the lock is dropped
 *
 * Context: module init, before anything can be confined.
 * Return: 0 or -ENOMEM.
 */
int dmzg_audit_init(void)
{
	get_random_bytes(&dmzg_rl_secret, sizeof(dmzg_rl_secret));
	dmzg_outboxes = __alloc_percpu(DMZG_OUTBOX_LEVELS *
				       sizeof(struct dmzg_outbox),
				       __alignof__(struct dmzg_outbox));
	return dmzg_outboxes ? 0 : -ENOMEM;
}

/**
 * dmzg_audit_exit() - free the outboxes
 *
 * Context: module exit, once no hook or work item can log.
 */
void dmzg_audit_exit(void)
{
	free_percpu(dmzg_outboxes);
}

/**
 * dmzg_audit_start() - start delivering records to a consumer
 * @consumer: work item scheduled when a record is queued; it drains them
 *	with dmzg_audit_next_event()
 */
void dmzg_audit_start(struct work_struct *consumer)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&dmzg_audit_lock, flags);
	dmzg_consumer = consumer;
	raw_spin_unlock_irqrestore(&dmzg_audit_lock, flags);
}

/**
 * dmzg_audit_stop() - stop scheduling the consumer and the periodic flush
 *
 * After this returns the consumer's work item is never scheduled again by
 * the log; its owner cancels what is already queued.
 */
void dmzg_audit_stop(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&dmzg_audit_lock, flags);
	dmzg_consumer = NULL;
	raw_spin_unlock_irqrestore(&dmzg_audit_lock, flags);
	cancel_delayed_work_sync(&dmzg_rl_work);
}
